"""Digests a JSONL corpus on Spark by piping it through `keypoints batch - -o -`.

Each Spark task starts one `keypoints batch` process, feeds it its partition's lines on stdin and
reads the digests back from stdout (RDD.pipe): the map step is the native binary, Spark only
moves lines. The binary is shipped to the executors with the job (`--files` or `--binary`).

On a cluster:
    spark-submit --master yarn --files target/release/keypoints \
        examples/spark/keypoints_job.py hdfs:///corpus/*.jsonl hdfs:///digests
Locally (pyspark from PyPI and Java 17 are enough):
    python3 examples/spark/keypoints_job.py --master 'local[2]' \
        --binary target/release/keypoints articles.jsonl /tmp/digests
"""
import argparse
import os
import shlex
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="JSONL file(s) or folder, any path Spark reads (text files)")
    ap.add_argument("output", help="output folder (Spark text files: one digest line each)")
    ap.add_argument("--master", help="Spark master (default: what spark-submit gives)")
    ap.add_argument(
        "--binary",
        help="path of the keypoints binary on the driver; shipped to the executors with "
        "SparkContext.addFile (omit when it is given with spark-submit --files)",
    )
    ap.add_argument("--partitions", type=int, help="repartition the input into this many tasks")
    ap.add_argument(
        "--jobs-per-task",
        type=int,
        default=1,
        help="worker threads of each keypoints process (Spark already runs one task a core)",
    )
    ap.add_argument("--args", default="", help="extra arguments for keypoints batch")
    args = ap.parse_args()

    # The Python workers must run the same interpreter as the driver.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("keypoints-batch")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    name = "keypoints"
    if args.binary:
        sc.addFile(os.path.abspath(args.binary))
        name = os.path.basename(args.binary)
    # Shipped files land in the executor's working directory on a cluster; in local mode the
    # executor is the driver, which keeps them in its own SparkFiles folder.
    if sc.master.startswith("local"):
        exe = SparkFiles.get(name)
    else:
        exe = "./" + name
    command = " ".join(
        [shlex.quote(exe), "batch", "-", "-o", "-", "--jobs", str(args.jobs_per_task), args.args]
    )

    lines = sc.textFile(args.input)
    if args.partitions:
        lines = lines.repartition(args.partitions)
    # checkCode: a task whose keypoints process fails (it never does for a bad record, only for
    # a broken pipe or a bad option) fails and is retried by Spark.
    digests = lines.filter(lambda l: l.strip() != "").pipe(command, checkCode=True)
    digests.saveAsTextFile(args.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
