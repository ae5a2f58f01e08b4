#!/bin/sh
# One-shot MinIO set-up for the compose stack (minio/mc image), safe to rerun:
# the lake bucket, the MLflow artifact bucket, and a service user that pokerlake and MLflow
# use instead of the root credentials.
set -eu
mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "local/$POKERLAKE_S3_BUCKET"
mc mb --ignore-existing "local/$MLFLOW_ARTIFACT_BUCKET"
mc admin user add local "$POKERLAKE_S3_ACCESS_KEY" "$POKERLAKE_S3_SECRET_KEY"
mc admin policy attach local readwrite --user "$POKERLAKE_S3_ACCESS_KEY" || true  # already attached
echo "minio ready: buckets $POKERLAKE_S3_BUCKET, $MLFLOW_ARTIFACT_BUCKET"
