#!/usr/bin/env bash
# Checks by hand that the real clients accept glue-local unchanged: the AWS CLI and boto3
# (Debian packages `awscli` and `python3-boto3`) create a workflow, run it and read it back.
#
#   packages/glue-local/scripts/check-real-clients.sh
#
# AWS_CLI / PYTHON pick other binaries (default: /usr/bin/aws, /usr/bin/python3); PORT the port.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PORT="${PORT:-4599}"
AWS_CLI="${AWS_CLI:-/usr/bin/aws}"
PYTHON="${PYTHON:-/usr/bin/python3}"
ENDPOINT="http://127.0.0.1:${PORT}"

node_modules/.bin/node packages/glue-local/bin/glue-local.mjs --port "$PORT" --time-scale 100 &
GLUE_PID=$!
trap 'kill "$GLUE_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "$ENDPOINT/health" >/dev/null 2>&1 && break
  sleep 0.1
done

export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { "$AWS_CLI" --endpoint-url "$ENDPOINT" "$@"; }

echo "== AWS CLI: $("$AWS_CLI" --version 2>&1)"
aws glue create-workflow --name cli-etl --default-run-properties env=cli --max-concurrent-runs 2
aws glue create-job --name cli-extract --role arn:aws:iam::123456789012:role/glue \
  --command Name=glueetl,ScriptLocation=s3://scripts/extract.py --default-arguments '{"--sim-duration-ms":"60000"}'
aws glue create-job --name cli-load --role arn:aws:iam::123456789012:role/glue \
  --command Name=glueetl,ScriptLocation=s3://scripts/load.py
aws glue create-trigger --name cli-start --workflow-name cli-etl --type ON_DEMAND --actions JobName=cli-extract
aws glue create-trigger --name cli-then --workflow-name cli-etl --type CONDITIONAL --start-on-creation \
  --predicate '{"Logical":"AND","Conditions":[{"LogicalOperator":"EQUALS","JobName":"cli-extract","State":"SUCCEEDED"}]}' \
  --actions JobName=cli-load
RUN_ID=$(aws glue start-workflow-run --name cli-etl --run-properties day=2026-01-05 --query RunId --output text)
echo "started $RUN_ID"
aws glue put-workflow-run-properties --name cli-etl --run-id "$RUN_ID" --run-properties rows=42
for _ in $(seq 1 100); do
  STATUS=$(aws glue get-workflow-run --name cli-etl --run-id "$RUN_ID" --query Run.Status --output text)
  [ "$STATUS" = "COMPLETED" ] && break
  sleep 0.1
done
aws glue get-workflow-run --name cli-etl --run-id "$RUN_ID" --include-graph \
  --query '{Status: Run.Status, Started: Run.StartedOn, Stats: Run.Statistics, Props: Run.WorkflowRunProperties, Nodes: Run.Graph.Nodes[].[Type, Name]}'
aws glue get-workflow-run-properties --name cli-etl --run-id "$RUN_ID"
aws glue get-workflow --name cli-etl --include-graph --query '{Name: Workflow.Name, LastRun: Workflow.LastRun.Status, Nodes: length(Workflow.Graph.Nodes), Edges: length(Workflow.Graph.Edges)}'
aws glue list-workflows
aws glue get-workflow-runs --name cli-etl --query 'Runs[].[WorkflowRunId, Status]' --output text
aws glue batch-get-workflows --names cli-etl nope --query '{Found: Workflows[].Name, Missing: MissingWorkflows}'
if aws glue get-workflow --name nope 2>/tmp/glue-local-cli-error.txt; then
  echo "expected an error" >&2
  exit 1
fi
echo "expected error: $(cat /tmp/glue-local-cli-error.txt)"
[ "$STATUS" = "COMPLETED" ] || { echo "run did not complete: $STATUS" >&2; exit 1; }

echo "== boto3"
"$PYTHON" packages/glue-local/scripts/check_boto3.py "$ENDPOINT"
echo "== real clients OK"
