"""Quarry as a map step on Apache Spark.

Reads JSONL shards of `quarry extract --text-only` records (one article a line: id, text,
meta), pipes every partition through `quarry extract --input-jsonl - -o -` on the executors
(the binary is shipped with SparkContext.addFile) and writes the extraction output, one part
file a partition, for `quarry import P.ron --from-jsonl OUT/part-*` to merge into a project.

    spark-submit tools/cluster/spark_job.py --quarry target/release/quarry \
        --input 'shards/*.jsonl' --output out/

Each input shard becomes one partition (keep shards to tens of megabytes); lines keep their
order inside a partition, and `quarry extract` writes one output line per input line.
"""

import argparse
import os
import stat

from pyspark import SparkContext, SparkFiles


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarry", required=True, help="the quarry binary (Linux, for the executors)")
    parser.add_argument("--input", required=True, help="JSONL shard files: comma-separated paths (kept in that order), a glob or a folder")
    parser.add_argument("--output", required=True, help="folder for the output part files")
    parser.add_argument("--master", default=None, help="Spark master (default: spark-submit's)")
    args = parser.parse_args()

    sc = SparkContext(master=args.master, appName="quarry-extract") if args.master else SparkContext(appName="quarry-extract")
    sc.addFile(os.path.abspath(args.quarry))
    name = os.path.basename(args.quarry)

    def extract(lines):
        """One partition: run quarry once over all its lines, streaming."""
        import subprocess
        import threading

        binary = SparkFiles.get(name)
        mode = os.stat(binary).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(binary, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        # One quarry thread per Spark task: Spark already runs a task per core.
        env = dict(os.environ, RAYON_NUM_THREADS="1")
        proc = subprocess.Popen(
            [binary, "extract", "--input-jsonl", "-", "-o", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )

        def feed():
            for line in lines:
                proc.stdin.write(line.encode("utf-8") + b"\n")
            proc.stdin.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        feeder.join()
        if proc.wait() != 0:
            raise RuntimeError(f"quarry extract exited with {proc.returncode}")

    # textFile keeps each small shard as one partition; minPartitions only splits large ones.
    records = sc.textFile(args.input)
    records.mapPartitions(extract).saveAsTextFile(args.output)
    sc.stop()


if __name__ == "__main__":
    main()
