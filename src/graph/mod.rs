//! The entity network (nodes = entities, edges = relations) and its layout.
