"""`explain()`: every botocore error becomes one sentence naming the endpoint, what happened and the next step."""
from __future__ import annotations

import re

import pytest
from botocore.exceptions import (ClientError, ConnectionClosedError, EndpointConnectionError, NoCredentialsError,
                                 NoRegionError, ReadTimeoutError, TokenRetrievalError)

from pulumi_sagemaker_endpoint.aws.errors import (EndpointError, RolledBack, explain, first_sentence, iam_action,
                                              is_config_not_visible, is_not_found, missing_kind)

ARN = "arn:aws:sagemaker:us-east-1:123456789012"


def client_error(code: str, message: str, operation: str = "CreateEndpoint", status: int = 400) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message},
                        "ResponseMetadata": {"HTTPStatusCode": status}}, operation)


def one_sentence(text: str) -> bool:
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\([^)]*\)", "", text)
    return "\n" not in text and text.endswith(".") and not re.search(r"\.\s+[A-Z]", unquoted)


CASES = [
    (client_error("AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to "
                  "perform: sagemaker:UpdateEndpoint on resource: arn because no identity-based policy allows "
                  "the sagemaker:UpdateEndpoint action", "UpdateEndpoint"), "updating",
     "Access denied while updating endpoint 'ep': the credentials in use may not call sagemaker:UpdateEndpoint; "
     "grant sagemaker:UpdateEndpoint to them (`sagemaker-endpoint iam-policy` prints the full policy)."),
    (client_error("AccessDenied", "User: x is not authorized to perform: sts:AssumeRole on resource: "
                  "arn:aws:iam::123456789012:role/deploy", "AssumeRole"), "creating",
     "Access denied while creating endpoint 'ep': the credentials in use may not call sts:AssumeRole; grant "
     "sts:AssumeRole to them and the role's trust policy must allow them (`sagemaker-endpoint iam-policy` prints "
     "the full policy)."),
    (client_error("AccessDeniedException", "Access denied", "DescribeAlarms"), "updating",
     "Access denied while updating endpoint 'ep': the credentials in use may not call cloudwatch:DescribeAlarms; "
     "grant cloudwatch:DescribeAlarms to them (`sagemaker-endpoint iam-policy` prints the full policy)."),
    (client_error("ExpiredTokenException", "The security token included in the request is expired"), "creating",
     "The AWS credentials were rejected while creating endpoint 'ep' (ExpiredTokenException): they are expired or "
     "invalid; refresh them (for example `aws sso login`) and run `pulumi up` again."),
    (TokenRetrievalError(provider="sso", error_msg="the SSO session has expired"), "deleting",
     "The AWS credentials could not be refreshed while deleting endpoint 'ep' (TokenRetrievalError): the session "
     "has expired; log in again (for example `aws sso login`) and run `pulumi up` again."),
    (client_error("ResourceLimitExceeded", "The account-level service limit 'Number of endpoints' is 2 Endpoints, "
                  "with current utilization of 2 Endpoints and a request delta of 1 Endpoints. Please use AWS "
                  "Service Quotas to request an increase for this quota."), "creating",
     "SageMaker refused creating endpoint 'ep' because an account quota is reached (The account-level service "
     "limit 'Number of endpoints' is 2 Endpoints, with current utilization of 2 Endpoints and a request delta of 1 "
     "Endpoints); request a quota increase in Service Quotas or delete unused endpoints, then run `pulumi up` "
     "again."),
    (client_error("ThrottlingException", "Rate exceeded"), "updating",
     "SageMaker kept throttling requests while updating endpoint 'ep' after all retries; nothing was lost: run "
     "`pulumi up` again, with a lower --parallel if this repeats."),
    (client_error("ServiceUnavailable", "Try again later", status=503), "creating",
     "SageMaker kept failing with ServiceUnavailable while creating endpoint 'ep' after all retries (an AWS-side "
     "problem); nothing was lost: run `pulumi up` again, it resumes where this run stopped."),
    (client_error("ValidationException", f'Could not find model "{ARN}:model/churn-v3".'), "creating",
     "The model 'churn-v3' of the EndpointConfig for endpoint 'ep' does not exist; create the model (or point the "
     "endpoint at an EndpointConfig whose models exist) and run `pulumi up` again."),
    (client_error("ValidationException", f'Could not find endpoint configuration "{ARN}:endpoint-config/cfg-9".',
                  "UpdateEndpoint"), "updating",
     "The EndpointConfig 'cfg-9' for endpoint 'ep' does not exist in this account and region; create the "
     "EndpointConfig first or fix endpointConfigName."),
    (client_error("ValidationException", f'Could not find endpoint "{ARN}:endpoint/ep".', "AddTags"), "updating",
     "Endpoint 'ep' no longer exists while updating it: it was deleted outside Pulumi; run `pulumi refresh` to "
     "drop it from the state, then `pulumi up` creates it again."),
    (EndpointConnectionError(endpoint_url="https://api.sagemaker.xx-nowhere-1.amazonaws.com/"), "creating",
     "Could not reach SageMaker while creating endpoint 'ep' (Could not connect to the endpoint URL: "
     "\"https://api.sagemaker.xx-nowhere-1.amazonaws.com/\"): the region may not offer SageMaker or the network "
     "blocks it; use a region where SageMaker is available (aws:region or the resource's region), then run "
     "`pulumi up` again."),
    (ConnectionClosedError(endpoint_url="https://api.sagemaker.us-east-1.amazonaws.com/"), "updating",
     "The connection to SageMaker kept failing while updating endpoint 'ep' after all retries "
     "(ConnectionClosedError); nothing was lost: run `pulumi up` again, it resumes where this run stopped."),
    (ReadTimeoutError(endpoint_url="https://api.sagemaker.us-east-1.amazonaws.com/"), "reading",
     "The connection to SageMaker kept failing while reading endpoint 'ep' after all retries (ReadTimeoutError); "
     "nothing was lost: run `pulumi up` again, it resumes where this run stopped."),
    (NoCredentialsError(), "creating",
     "No usable AWS configuration while creating endpoint 'ep': Unable to locate credentials; set "
     "aws:region/aws:profile in the stack config or the standard AWS environment variables."),
    (NoRegionError(), "creating",
     "No usable AWS configuration while creating endpoint 'ep': You must specify a region; set "
     "aws:region/aws:profile in the stack config or the standard AWS environment variables."),
    (client_error("ValidationException", "1 validation error detected: Value 'x' at 'endpointName' failed to "
                  "satisfy constraint: Member must satisfy regular expression pattern"), "creating",
     "SageMaker refused creating endpoint 'ep': ValidationException: 1 validation error detected: Value 'x' at "
     "'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern."),
]


@pytest.mark.parametrize("error, doing, expected", CASES, ids=[f"{type(c[0]).__name__}-{i}" for i, c in
                                                               enumerate(CASES)])
def test_each_error_is_one_sentence_with_the_next_step(error, doing, expected):
    explained = explain(error, "ep", doing)
    assert isinstance(explained, EndpointError)
    assert str(explained) == expected
    assert "'ep'" in expected


@pytest.mark.parametrize("index", range(len(CASES)))
def test_the_sentences_are_single(index):
    assert one_sentence(CASES[index][2]), CASES[index][2]


def test_an_endpoint_error_passes_through_unchanged():
    rolled = RolledBack("The deployment rolled back.", "cfg-1", ["a"])
    assert explain(rolled, "ep", "updating") is rolled


def test_the_denied_action_comes_from_the_message_else_from_the_operation():
    assert iam_action(client_error("AccessDenied", "not authorized to perform: sagemaker:ListTags on resource: x",
                                   "ListTags")) == "sagemaker:ListTags"
    assert iam_action(client_error("AccessDenied", "Forbidden", "DeleteEndpoint")) == "sagemaker:DeleteEndpoint"
    assert iam_action(client_error("AccessDenied", "Forbidden", "AssumeRole")) == "sts:AssumeRole"


def test_only_the_invisible_config_is_the_consistency_error():
    config = client_error("ValidationException", f'Could not find endpoint configuration "{ARN}:endpoint-config/c".')
    model = client_error("ValidationException", f'Could not find model "{ARN}:model/m".')
    gone = client_error("ValidationException", f'Could not find endpoint "{ARN}:endpoint/e".')
    busy = client_error("ValidationException", f'Cannot update in-progress endpoint "{ARN}:endpoint/e".')
    assert [is_config_not_visible(e) for e in (config, model, gone, busy)] == [True, False, False, False]
    assert [missing_kind(e) for e in (config, model, gone, busy)] == ["endpoint configuration", "model", "endpoint",
                                                                       None]
    assert all(is_not_found(e) for e in (config, model, gone)) and not is_not_found(busy)


def test_first_sentence_keeps_names_with_dots():
    assert first_sentence("Limit is 2 Endpoints. Please ask for more.") == "Limit is 2 Endpoints"
    assert first_sentence("Model model.v1.2 is missing") == "Model model.v1.2 is missing"
