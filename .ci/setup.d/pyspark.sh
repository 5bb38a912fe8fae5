#!/usr/bin/env bash
# The Spark example's test (crates/keypoints-cli/tests/spark.rs) runs PySpark in local mode:
# it needs pyspark from PyPI and a Java runtime (17 or later).
set -euo pipefail
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check pyspark
