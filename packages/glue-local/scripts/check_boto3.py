"""boto3 against glue-local: create a workflow, run it, read it back, resume a failed node.

    python3 check_boto3.py http://127.0.0.1:4599
"""
import sys
import time

import boto3
import botocore

endpoint = sys.argv[1]
glue = boto3.client(
    "glue",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="local",
    aws_secret_access_key="local",
    config=botocore.config.Config(retries={"max_attempts": 1}),
)
print("boto3", boto3.__version__, "botocore", botocore.__version__)


def wait_done(name, run_id):
    for _ in range(200):
        run = glue.get_workflow_run(Name=name, RunId=run_id, IncludeGraph=True)["Run"]
        if run["Status"] in ("COMPLETED", "STOPPED", "ERROR"):
            return run
        time.sleep(0.05)
    raise SystemExit(f"run {run_id} did not finish")


role = "arn:aws:iam::123456789012:role/glue"
glue.create_workflow(Name="py-sync", DefaultRunProperties={"env": "boto3"})
glue.create_crawler(Name="py-raw", Role=role, DatabaseName="lake", Targets={"S3Targets": [{"Path": "s3://raw/"}]}, Tags={"sim:duration-ms": "30000"})
glue.create_job(Name="py-flaky", Role=role, Command={"Name": "glueetl"}, DefaultArguments={"--sim-fail-attempts": "1"})
glue.create_job(Name="py-publish", Role=role, Command={"Name": "glueetl"})
glue.create_trigger(Name="py-start", WorkflowName="py-sync", Type="ON_DEMAND", Actions=[{"CrawlerName": "py-raw"}])
glue.create_trigger(
    Name="py-after-raw", WorkflowName="py-sync", Type="CONDITIONAL", StartOnCreation=True,
    Predicate={"Conditions": [{"LogicalOperator": "EQUALS", "CrawlerName": "py-raw", "CrawlState": "SUCCEEDED"}]},
    Actions=[{"JobName": "py-flaky"}],
)
glue.create_trigger(
    Name="py-after-flaky", WorkflowName="py-sync", Type="CONDITIONAL", StartOnCreation=True,
    Predicate={"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "py-flaky", "State": "SUCCEEDED"}]},
    Actions=[{"JobName": "py-publish"}],
)

run_id = glue.start_workflow_run(Name="py-sync")["RunId"]
first = wait_done("py-sync", run_id)
stats = first["Statistics"]
print("first run", first["Status"], first["StartedOn"].isoformat(), stats)
assert first["Status"] == "COMPLETED" and stats["FailedActions"] == 1 and stats["SucceededActions"] == 1

flaky = next(n for n in first["Graph"]["Nodes"] if n["Name"] == "py-flaky")
print("failed job run:", flaky["JobDetails"]["JobRuns"][0]["ErrorMessage"])
resumed = glue.resume_workflow_run(Name="py-sync", RunId=run_id, NodeIds=[flaky["UniqueId"]])
second = wait_done("py-sync", resumed["RunId"])
print("resumed run", second["Status"], "previous", second["PreviousRunId"] == run_id, second["Statistics"])
assert second["Statistics"]["SucceededActions"] == 2 and second["Statistics"]["FailedActions"] == 0

workflow = glue.get_workflow(Name="py-sync", IncludeGraph=True)["Workflow"]
print("workflow", workflow["Name"], "created", workflow["CreatedOn"].isoformat(), "nodes", len(workflow["Graph"]["Nodes"]), "last run", workflow["LastRun"]["WorkflowRunId"] == resumed["RunId"])
seen, token = [], None
while True:
    page = glue.get_workflow_runs(Name="py-sync", MaxResults=1, **({"NextToken": token} if token else {}))
    seen += [r["WorkflowRunId"] for r in page["Runs"]]
    token = page.get("NextToken")
    if not token:
        break
print("runs paged one by one:", [r[:12] for r in seen])
assert seen == [resumed["RunId"], run_id]
print("workflows:", glue.list_workflows(MaxResults=25)["Workflows"])
job_run = glue.get_job_run(JobName="py-publish", RunId=second["Graph"]["Nodes"][-1]["JobDetails"]["JobRuns"][0]["Id"])["JobRun"]
print("job run", job_run["JobRunState"], job_run["Arguments"]["--WORKFLOW_RUN_ID"] == resumed["RunId"], job_run["TriggerName"])

try:
    glue.stop_workflow_run(Name="py-sync", RunId=run_id)
    raise SystemExit("expected IllegalWorkflowStateException")
except glue.exceptions.IllegalWorkflowStateException as error:
    print("expected error:", error.response["Error"]["Code"], "-", error.response["Error"]["Message"])
try:
    glue.get_workflow(Name="nope")
    raise SystemExit("expected EntityNotFoundException")
except glue.exceptions.EntityNotFoundException as error:
    print("expected error:", error.response["Error"]["Code"], "-", error.response["Error"]["Message"])
print("boto3 OK")
