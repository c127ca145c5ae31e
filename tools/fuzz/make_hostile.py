#!/usr/bin/env python3
"""Writes hostile article files, one or more per family, into the folder given
(default: hostile-out/). Deterministic. `--small` writes only the small ones that are kept as
regression fixtures in tests/fixtures/hostile/ (each crashed or hung Quarry before issue 12).

Families: html (deep and misnested nesting), md (deep containers), docx (deep XML, zip bomb,
500 MB document.xml with text), txt (huge text), pdf (form loops, page-tree loops, billion
laughs of forms), and symlink loops (a folder)."""

import io
import os
import sys
import zipfile


def pdf(objects):
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(d, content):
    return f"<< {d} /Length {len(content)} >>\nstream\n{content}\nendstream"


def text_pdf(page_resources, page_content, forms):
    all_forms = "".join(f"/X{i + 1} {i + 6} 0 R " for i in range(len(forms)))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << {page_resources} >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream("", page_content),
    ]
    for f in forms:
        objects.append(stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> "
            f"/XObject << {all_forms}>> >>", f))
    return pdf(objects)


def docx(xml_chunks):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            for chunk in xml_chunks:
                f.write(chunk)
    return buf.getvalue()


def small():
    files = {}
    files["form-draws-itself.pdf"] = text_pdf(
        "/Font << /F1 4 0 R >> /XObject << /X1 6 0 R >>",
        "BT /F1 12 Tf 72 720 Td (Hello) Tj ET /X1 Do", ["/X1 Do"])
    files["forms-draw-each-other.pdf"] = text_pdf(
        "/XObject << /X1 6 0 R >>", "/X1 Do", ["/X2 Do", "/X1 Do"])
    laughs = ["BT /F1 12 Tf 72 700 Td (laugh) Tj ET"] + [f"/X{k - 1} Do " * 10 for k in range(2, 11)]
    files["billion-laughs-forms.pdf"] = text_pdf(
        "/Font << /F1 4 0 R >> /XObject << /X10 15 0 R >>", "/X10 Do", laughs)
    files["page-own-ancestor.pdf"] = pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        stream("", "BT (x) Tj ET"),
    ])
    files["divs-20000.html"] = ("<div>" * 20000 + "<p>deep text</p>" + "</div>" * 20000).encode()
    files["span-div-misnest.html"] = ("<span><div>x</span>" * 20000).encode()
    files["quotes-100000.md"] = ("> " * 100000 + "deep words\n").encode()
    return files


def large():
    files = {}
    files["divs-200000.html"] = ("<div>" * 200000 + "<p>deep text</p>" + "</div>" * 200000).encode()
    files["table-div-misnest.html"] = ("<div><table></div>" * 100000).encode()
    files["formatting-reopened.html"] = ("<p>" + "".join(f"<b id={i}>" for i in range(100000)) + "a</p><p>b</p>").encode()
    files["lists-100000.md"] = ("- " * 100000 + "deep words\n").encode()
    files["links-100000.md"] = ("[" * 100000 + "x" + "](u)" * 100000 + "\n").encode()
    files["sdt-100000.docx"] = docx([b"<w:document xmlns:w=\"w\"><w:body>", b"<w:sdt>" * 100000,
                                     b"<w:p><w:r><w:t>deep</w:t></w:r></w:p>", b"</w:sdt>" * 100000,
                                     b"</w:body></w:document>"])
    pad = b" " * 1_000_000
    head = b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>Text before 500 MB of padding.</w:t></w:r></w:p>"
    files["document-xml-500mb.docx"] = docx([head] + [pad] * 500 + [b"</w:body></w:document>"])
    files["bomb-5gb.docx"] = docx([head] + [pad] * 5000 + [b"</w:body></w:document>"])
    files["huge-text-40mb.txt"] = b"All work and no play makes Jack a dull boy. " * 900_000
    return files


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = args[0] if args else "hostile-out"
    os.makedirs(out, exist_ok=True)
    files = small()
    if "--small" not in sys.argv:
        files.update(large())
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    if "--small" not in sys.argv:
        loop = os.path.join(out, "symlink-loop")
        os.makedirs(os.path.join(loop, "a"), exist_ok=True)
        with open(os.path.join(loop, "a", "story.txt"), "w") as f:
            f.write("Words inside a folder with a link loop.")
        for name, target in [("a/self", ".."), ("a/up", "../a"), ("root", "/")]:
            p = os.path.join(loop, name)
            if not os.path.lexists(p):
                os.symlink(target, p)


if __name__ == "__main__":
    main()
