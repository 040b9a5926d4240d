"""Local Amazon SageMaker hosting emulator, built on moto.

Serves moto's SageMaker, CloudWatch and Application Auto Scaling over real
HTTP on 127.0.0.1, with moto's SageMaker backend extended so that endpoints
behave like SageMaker where a deployment tool depends on it, and moto's
Application Auto Scaling backend extended where SageMaker depends on it.
Plain boto3 (or the AWS CLI) reaches it through ``AWS_ENDPOINT_URL`` (or
``AWS_ENDPOINT_URL_SAGEMAKER``) with any dummy credentials::

    python -m sagemaker_emulator --port 5123 --create-seconds 0.3   # prints http://127.0.0.1:5123
    AWS_ENDPOINT_URL=http://127.0.0.1:5123 aws sagemaker list-endpoints

    from sagemaker_emulator import Emulator, FAST
    with Emulator(**FAST, consistency_uses=1) as emu:   # a subprocess with its own state
        sm = emu.client("sagemaker"); cw = emu.client("cloudwatch")
        aas = emu.client("application-autoscaling")
        emu.configure(throttle_rate=0.2); emu.stats(); emu.requests(); emu.reset()
        emu.hold("ep", "bake"); emu.wait_held("ep"); emu.release("ep")   # see "Holds"
        emu.autoscale("ep", "AllTraffic", 4)                             # plays the autoscaler
        emu.autoscale_copies("llm", 0); emu.events("inference-component/llm")
        emu.managed_scale("ep", "AllTraffic", 0)                         # plays managed instance scaling

pytest: ``pytest_plugins = ["sagemaker_emulator.pytest_plugin"]`` gives the
``emulator`` (shared, reset per test) and ``emulator_factory`` fixtures.

Modules (moto's file roles: state and rules apart from the wire protocol):
``models.py`` (backend rules: extends moto's ``SageMakerModelBackend``; which
request is valid and which rollout it starts), ``lifecycle.py`` (the
endpoint's timed state machine: extends moto's ``FakeEndpoint``; rollouts in
phases, advance, settle, roll back), ``variants.py`` (ProductionVariantSummary
views and retained variant properties), ``deployments.py`` (DeploymentConfig
rules and rollout plans), ``alarms.py`` (moto CloudWatch alarm timelines),
``validation.py`` (model-driven request validation, tag rules),
``responses.py``/``urls.py`` (moto's response class plus ``UpdateEndpoint``;
serialization stays moto's, driven by botocore's model), ``exceptions.py``,
``faults.py``, ``requestlog.py``, ``settings.py``, ``server.py`` (moto's
werkzeug app, threaded, with the request log), ``process.py`` (Python API),
``__main__.py`` (CLI), ``pytest_plugin.py``; ``scaling.py`` (what endpoints do
about their variants' scalable targets), ``capacity.py``
(UpdateEndpointWeightsAndCapacities rules), ``consistency.py`` (new
EndpointConfigs seen late), ``control.py`` (control routes);
``autoscaling/`` (``models.py`` extends moto's ``ApplicationAutoscalingBackend``,
``responses.py``/``urls.py`` its response class); ``timeline.py`` (what timed
resources share: rollouts of phases, holds, alarm interrupts, the event log),
``inference_components.py`` (the inference component's timed state machine
and views), ``inference_component_rules.py`` (their backend rules, mixed into
the SageMaker backend), ``managed_scaling.py`` (managed instance scaling of
their variants), ``listing.py`` (the List* filters and sort orders).

What is emulated
================
Endpoint lifecycle in time
    ``CreateEndpoint`` → ``Creating`` → ``InService`` (or ``Failed`` with a
    ``FailureReason``); ``UpdateEndpoint`` → ``Updating`` → ``InService``;
    alarm- or timeout-driven rollback → ``RollingBack`` → ``InService`` (or
    ``UpdateRollbackFailed``); ``DeleteEndpoint`` → ``Deleting`` → gone
    (then ``ValidationException: Could not find endpoint "arn"``, which is
    what botocore's ``endpoint_deleted`` waiter expects).
    ``DescribeEndpoint`` keeps ``EndpointConfigName``/``ProductionVariants`` on
    the live (old) fleet while a deployment runs and shows the new fleet in
    ``PendingDeploymentSummary`` (also while ``Creating``), each pending variant
    with a ``VariantStatus`` (``Creating``, ``ActivatingTraffic``, ``Baking``,
    ``Deleting``) and a message naming the step; the config name switches
    only when the deployment completes.  ``LastDeploymentConfig`` is the
    DeploymentConfig of the last ``UpdateEndpoint`` (or ``CreateEndpoint``),
    set when the call is made and absent after an update without one.
    ``ListEndpoints`` reports the same statuses, with ``StatusEquals``,
    ``NameContains``, the time filters, ``SortBy``/``SortOrder`` (default
    ``CreationTime``/``Descending``) and ``MaxResults`` (default 10)/``NextToken``.
Deployments (``UpdateEndpoint``)
    ``BlueGreenUpdatePolicy``: provision the new fleet (``update_seconds``), then
    per traffic step (``ALL_AT_ONCE``: 100 %; ``CANARY``: canary, then the rest;
    ``LINEAR``: equal steps) shift and bake ``WaitIntervalInSeconds``; then
    ``TerminationWaitInSeconds``; then the old fleet is terminated.
    ``RollingUpdatePolicy``: per batch of ``MaximumBatchSize`` provision
    (``update_seconds`` / number of batches), shift, bake
    ``WaitIntervalInSeconds``, terminate that many old instances
    (``CurrentInstanceCount`` of both fleets moves batch by batch).  No policy:
    provision, switch, done.  ``RetainAllVariantProperties`` keeps the live
    ``DesiredInstanceCount``/``DesiredWeight``/data capture unless named in
    ``ExcludeRetainedVariantProperties``; ``RetainDeploymentConfig`` reuses
    ``LastDeploymentConfig`` when no DeploymentConfig is given.
Weights and capacities (``UpdateEndpointWeightsAndCapacities``)
    ``Updating`` for ``capacity_seconds``, then ``InService``.  Meanwhile
    ``ProductionVariants`` report the requested ``DesiredWeight``/
    ``DesiredInstanceCount``/``DesiredServerlessConfig`` and the old
    ``Current*`` values ("If you sent a request to the
    UpdateEndpointWeightsAndCapacities API and the endpoint status is Updating,
    you get different desired and current values", ProductionVariantSummary),
    and a variant whose capacity changes carries ``VariantStatus``
    ``Updating`` ("Updating capacity for the production variant",
    ProductionVariantStatus); no ``PendingDeploymentSummary``, the config name
    stays.  Rules: the endpoint must exist and be neither in progress nor
    ``Failed`` (the UpdateEndpoint messages); ``The variant name "X" was
    non-unique within the request.``; ``The variant name(s) "X" is/are not
    present within endpoint configuration "cfg".`` (moto's wording); the
    capacity of at most one variant per request (the API reference: "variant
    weight of one or more variants ..., or capacity of one variant");
    ``DesiredInstanceCount`` only for instance-based and
    ``ServerlessUpdateConfig`` only for serverless variants; each entry must
    change something.  ``ProductionVariants`` carry only
    ProductionVariantSummary members (no instance type or model);
    ``PendingDeploymentSummary`` variants are PendingProductionVariantSummary.
Application Auto Scaling (same port; moto's backend)
    ``RegisterScalableTarget``, ``DescribeScalableTargets``, ``PutScalingPolicy``,
    ``DescribeScalingPolicies``, ``DeleteScalingPolicy``,
    ``DeregisterScalableTarget`` (and moto's other operations), namespace
    ``sagemaker``, resource ``endpoint/<name>/variant/<variant>``, dimension
    ``sagemaker:variant:DesiredInstanceCount``; validated against botocore's
    model.  Registering a new target needs ``MinCapacity`` and ``MaxCapacity``
    ("required if you are registering a scalable target"; message
    ``MinCapacity and MaxCapacity are required to register a new scalable
    target.``), ``Minimum capacity cannot be greater than maximum capacity.``;
    registering or updating a target moves an InService variant's capacity
    into the range (``Updating`` → ``InService``), as RegisterScalableTarget
    documents; deregistering deletes the target's scaling policies and
    scheduled actions, as DeregisterScalableTarget documents (moto keeps
    them).  SageMaker honours the targets ("Update endpoints that use auto
    scaling"): an ``UpdateEndpoint`` that would change the instance type of an
    autoscaled variant, or remove one, fails with ``ValidationException: The
    production variant(s) [A] of endpoint "arn" are registered as Application
    Auto Scaling scalable targets and cannot have their instance type changed
    (cannot be removed) by UpdateEndpoint. Delete their scaling policies and
    deregister them with DeregisterScalableTarget before updating the
    endpoint, then register them again.`` (the documentation says only that
    "the call fails"; no source found shows SageMaker's text, so the wording
    is the emulator's); changing the model alone is allowed ("There is one
    exception").  ``DeleteEndpoint`` deregisters the endpoint's targets
    ("Application Auto Scaling deregisters those models as scalable targets
    without notifying you", "Delete endpoints configured for auto scaling"),
    which needs ``application-autoscaling:DeregisterScalableTarget``: when
    ``deny_actions`` denies it, DeleteEndpoint fails with ``ValidationException:
    An Application AutoScaling scalable target exists for a variant being
    deleted, and the IAM identity used to invoke DeleteEndpoint does not have
    application-autoscaling:DeregisterScalableTarget permission to deregister
    the scalable target.`` (SageMaker's text as reported in
    awslabs/stable-diffusion-aws-extension#161; the code is not shown there).
    ``Emulator.autoscale(endpoint, variant, n)`` (``POST /_emulator/autoscale``)
    plays the autoscaler: ``n`` must lie within the target's min/max, the
    endpoint must be InService (autoscaling "is blocked while the update
    operation is in progress") and the direction not suspended
    (``SuspendedState``); the endpoint then goes ``Updating`` → ``InService``
    as for UpdateEndpointWeightsAndCapacities, which is what autoscaling calls.
    ``RetainAllVariantProperties`` keeps a scaled-out ``DesiredInstanceCount``
    (and ``DesiredWeight``) across UpdateEndpoint unless excluded; without it
    the update resets them to the new config's ``InitialInstanceCount`` and
    ``InitialVariantWeight`` (hashicorp/terraform-provider-aws#48990 and
    aws/aws-cdk#23151 describe that reset).
Inference components (moto has none; ``inference_components.py``)
    ``CreateInferenceComponent``, ``DescribeInferenceComponent``,
    ``ListInferenceComponents``, ``UpdateInferenceComponent``,
    ``UpdateInferenceComponentRuntimeConfig``, ``DeleteInferenceComponent``
    as botocore's model states them, on the same clock and durations:
    ``Creating`` (``create_seconds``) → ``InService`` with all copies
    (``Failed`` with a FailureReason when ``fail_create`` names the
    component); a new Specification(s) or a DeploymentConfig → ``Updating``
    through rolling batches of ``MaximumBatchSize`` copies (COPY_COUNT or
    CAPACITY_PERCENT of the target copy count; per batch provision
    ``update_seconds`` / batches, shift, bake ``WaitIntervalInSeconds``
    watching the alarms, terminate as many old copies; without a
    DeploymentConfig one batch of all copies, no bake) → ``InService`` on the
    new specification; an alarm in ``ALARM`` during a bake, or
    ``MaximumExecutionTimeoutInSeconds``, rolls back: ``Updating`` for
    ``rollback_seconds``, then ``InService`` on the old specification and
    copy count with a FailureReason naming the alarm(s), ``LastDeploymentConfig``
    the attempted one; ``fail_update`` naming it: ``InService`` on the old
    specification with that reason.  A copy count alone
    (``UpdateInferenceComponentRuntimeConfig``, an update with only
    RuntimeConfig, the autoscaler) → ``Updating`` for ``capacity_seconds``
    with the new DesiredCopyCount and the old CurrentCopyCount.  During a
    rollout Specification stays the live one and CurrentCopyCount counts the
    copies up on both sides.  ``DeleteInferenceComponent`` → ``Deleting``
    (``delete_seconds``) → gone (``Could not find inference component
    "arn"``).  ``Container.Image`` is described as ``DeployedImage``.
    ``ListInferenceComponents``: ``EndpointNameEquals``, ``VariantNameEquals``,
    ``StatusEquals``, ``NameContains``, time filters, ``SortBy``/``SortOrder``,
    ``MaxResults``/``NextToken``.  Tags through ``AddTags``/``ListTags``/
    ``DeleteTags`` on ``arn:aws:sagemaker:REGION:ACCOUNT:inference-component/NAME``.
    Rules (``inference_component_rules.py``; the wording is the emulator's
    except "Could not find"): names unique case-insensitively; placed only
    on an ``InService`` endpoint whose EndpointConfig hosts inference
    components, on one of its variants (``VariantName`` may be left out for
    a one-variant endpoint); exactly one of Specification/Specifications;
    RuntimeConfig unless an adapter (``BaseInferenceComponentName``, a
    component of the same endpoint); updates only when ``InService``;
    ``MaximumBatchSize`` 5–50 % of the copy count (the API reference's
    rule), ``RollbackMaximumBatchSize`` at most all copies, the timeout
    above ``WaitIntervalInSeconds``, alarms must exist; a base is not
    deleted under its adapters.  An EndpointConfig hosts inference
    components when its production variants name no model; it then needs an
    ``ExecutionRoleArn`` (kept and described for every config, moto drops
    it) and instance-based variants; ``ManagedInstanceScaling`` (minimum
    ≤ maximum; ``MinInstanceCount`` 0 only for such configs) and
    ``RoutingConfig`` are kept and described (also in DescribeEndpoint's
    ``ProductionVariants``).  ``Emulator.managed_scale(endpoint, variant, n)``
    (``POST /_emulator/managed-scale``) plays managed instance scaling, which
    sets the variant's instance count itself ("the range in the number of
    instances that the endpoint provisions as it scales up or down",
    ProductionVariantManagedInstanceScaling; down to zero with a minimum of 0,
    "Scale an endpoint to zero instances"): the variant's ``Status`` must be
    ``ENABLED``, ``n`` within ``MinInstanceCount``–``MaxInstanceCount`` and the
    endpoint ``InService``; DescribeEndpoint then reports ``n`` as its
    ``CurrentInstanceCount`` and ``DesiredInstanceCount``.
    ``DeleteEndpoint`` is refused while components are on the endpoint;
    ``UpdateEndpoint`` of such an endpoint is allowed only to a config that
    hosts components and keeps their variants, and the components stay (the
    documentation is silent; the emulator's choice).
    Application Auto Scaling: ``sagemaker:inference-component:DesiredCopyCount``
    on ``inference-component/<name>``, ``MinCapacity`` 0 allowed;
    registering fits an InService component's copy count into the range;
    ``Emulator.autoscale_copies(name, n)`` plays the autoscaler.
Deployment guardrails "Exclusions"
    blue/green and rolling updates need the new config to keep the old
    variant names (the ValidationException below); rolling is refused for
    multi-variant and serverless endpoints (the page lists them as rolling
    exclusions without saying whether SageMaker refuses or falls back; the
    emulator refuses).  When the old or new fleet uses AWS Marketplace
    containers (a model whose container has ``ModelPackageName``) or Inf1
    instances (``ml.inf1.*``), an UpdateEndpoint with a DeploymentConfig
    "will fall back to using a blue/green deployment with all at once traffic
    shifting and no final baking period": provision, shift 100 %, terminate;
    no bake, no ``TerminationWaitInSeconds``, no alarm watched, no deadline.
    The request is still validated as given and ``LastDeploymentConfig`` is
    the given one; the provisioning VariantStatus message names the
    exclusion.
Auto-rollback
    Alarms named in ``AutoRollbackConfiguration`` are CloudWatch alarms in the
    same emulator (``PutMetricAlarm``, ``SetAlarmState``, ``DescribeAlarms``).
    They are watched from the first traffic shift until the old fleet is
    terminated (every bake and the termination wait), not while the new
    fleet is provisioned.  An alarm in ``ALARM`` at any moment of a watched
    window (also one already in ``ALARM`` when the window opens) rolls the
    endpoint back: ``RollingBack`` for ``rollback_seconds``, then ``InService``
    on the old EndpointConfig with its old capacity, a ``FailureReason``
    naming the alarm(s), and ``LastDeploymentConfig`` still the attempted one.
    The instant is read from moto's alarm state history, so the outcome does
    not depend on when anybody polls.  A deployment still running after
    ``MaximumExecutionTimeoutInSeconds`` rolls back the same way.
Validation (``ValidationException``, HTTP 400, SageMaker's wording where known)
    every input constraint of botocore's model (lengths, ranges such as
    ``WaitIntervalInSeconds`` ≤ 3600 and ``MaximumExecutionTimeoutInSeconds``
    600–28800, enums, name patterns, at most 50 tags, key ≤ 128 / value ≤ 256
    characters) in the service's ``"1 validation error detected: Value 'x' at
    'path' failed to satisfy constraint: Member must ..."`` form; endpoint
    names unique case-insensitively (``Cannot create already existing endpoint
    "arn"``; names keep their case, lookups ignore it, ARNs are lower case);
    ``Could not find endpoint|endpoint configuration|model "arn"``; ``Cannot
    create already existing endpoint configuration|model "arn"``;
    ``Cannot update in-progress endpoint "arn"`` for Update/Delete while
    ``Creating``/``Updating``/``RollingBack``/``SystemUpdating``/``Deleting``;
    ``Cannot update failed endpoint "arn"`` (Delete is the only operation a
    ``Failed`` endpoint allows; ``UpdateRollbackFailed`` allows Update and
    Delete); an update to the current config name; DeploymentConfig rules:
    one policy only, ``CanarySize``/``LinearStepSize`` present exactly for their
    type, canary ≤ 50 % of each variant's instance count, linear step 10–50 %,
    rolling ``MaximumBatchSize`` 5–50 %, ``MaximumExecutionTimeoutInSeconds``
    larger than ``WaitIntervalInSeconds`` + ``TerminationWaitInSeconds``, same
    variant names as the live config, no rolling for multi-variant or
    serverless endpoints, alarms must exist; tags: ``aws:`` prefix reserved,
    no duplicate keys, at most 50 per resource after ``AddTags`` (which
    overwrites existing keys).
Request log, counters and event log
    every API request (SageMaker, CloudWatch and Application Auto Scaling;
    not the control routes) is logged as ``{"t", "service", "operation",
    "endpoint", "status", "error", "duration"}`` (``endpoint`` also from an
    Application Auto Scaling ``ResourceId``) and counted per operation, per
    error code and per fault.  Every phase an endpoint or inference component
    completes is logged as ``{"t", "resource", "rollout", "phase",
    "message"}`` (``Emulator.events([resource])``, ``GET /_emulator/events``),
    ``t`` the instant it ended on the emulator's clock: a rollout's batches
    can be read back after the fact.  A managed instance scaling is logged
    the same way, rollout and phase ``managed-scaling``.

Time
====
``create_seconds``, ``update_seconds`` (provisioning of the new fleet),
``delete_seconds``, ``rollback_seconds`` and ``capacity_seconds`` (an
UpdateEndpointWeightsAndCapacities or autoscaling change) are wall-clock
seconds (floats).
Durations taken from a DeploymentConfig (``WaitIntervalInSeconds``,
``TerminationWaitInSeconds``, rolling ``WaitIntervalInSeconds``,
``MaximumExecutionTimeoutInSeconds``) are multiplied by ``time_scale``:
with ``time_scale=0.001`` a 300 s canary bake takes 0.3 s.  Each duration is
fixed when its operation starts.  State advances lazily, from timestamps, on
every request; transitions take effect at their scheduled instant.
Realistic defaults (the CLI's and ``Emulator()``'s): create 300 s, update
300 s, delete 60 s, rollback 120 s, capacity 180 s, consistency 0, time
scale 1.  ``FAST`` (the pytest fixtures'): 0.3 / 0.3 / 0.1 / 0.1 / 0.2 s,
consistency 0, scale 0.001.

Settings and faults
===================
Given as CLI flags / ``Emulator(**kwargs)`` at start (``--settings-json`` takes
any of them as JSON), changed with ``Emulator.configure(**kwargs)`` /
``POST /_emulator/config``, and restored to the start-up values by ``reset``.

``create_seconds``, ``update_seconds``, ``delete_seconds``, ``rollback_seconds``,
``capacity_seconds``, ``time_scale``
    timings, see above (``--capacity-seconds`` etc. on the CLI).
``consistency_uses`` (``--consistency-uses``)
    the first N uses of each new EndpointConfig by ``CreateEndpoint`` or
    ``UpdateEndpoint`` miss it (``ValidationException: Could not find endpoint
    configuration "arn"``, the eventual-consistency error the CreateEndpoint
    reference warns about: its load is an eventually consistent DynamoDB read,
    "retry logic is recommended").  ``DescribeEndpointConfig`` always sees it
    (the same reference recommends calling it first to lessen the effect) and
    spends no use.  Stated in uses, so a test meets it whatever the load.
``consistency_seconds`` (``--consistency-seconds``)
    the same, for N seconds of wall-clock time after the config is created
    (for the CLI and manual runs; tests should prefer ``consistency_uses``).
``throttle_rate``
    probability (0–1) that a SageMaker request gets HTTP 400
    ``ThrottlingException: Rate exceeded``.
``throttle_rps``
    requests-per-second budget across all SageMaker requests (token bucket,
    burst of one second's worth); over it: ``ThrottlingException``.
``error_rate``
    probability of a transient HTTP 500 ``InternalFailure`` or 503
    ``ServiceUnavailable`` (half each).
``reset_rate``
    probability that the connection is closed without a response (botocore
    raises ``ConnectionClosedError`` and retries it).
``seed``
    seeds the fault draws (re-seeded on every settings change), so a seed and
    a request sequence always fault the same requests.
``fail_create``
    ``{endpoint or inference component name: FailureReason}`` (or a list of
    names: the ping health-check message): the create ends ``Failed`` with
    that reason.
``fail_update``
    same for updates: the new fleet (the first batch of new copies) fails to
    come up, the endpoint (component) returns to ``InService`` on its old
    config (specification) with the ``FailureReason`` (no ``RollingBack``: no
    traffic had moved), as real failed endpoint updates do.
``fail_rollback``
    endpoint names whose rollback fails: ``UpdateRollbackFailed`` with a
    ``FailureReason``; ``UpdateEndpoint`` (the documented remedy) and
    ``DeleteEndpoint`` stay allowed.
``deny_actions``
    IAM actions such as ``"sagemaker:UpdateEndpoint"`` (or ``"sagemaker:*"``,
    ``"application-autoscaling:*"``): ``AccessDeniedException: User:
    arn:aws:sts::123456789012:assumed-role/SageMakerEmulatorRole/emulator-session
    is not authorized to perform: <action> on resource: <arn> because no
    identity-based policy allows the <action> action`` (Application Auto
    Scaling requests name no resource).  Denying
    ``application-autoscaling:DeregisterScalableTarget`` also makes
    DeleteEndpoint of an autoscaled endpoint fail (see above).
``expired_credentials``
    every SageMaker request: ``ExpiredTokenException: The security token
    included in the request is expired``.
``endpoint_limit``
    ``CreateEndpoint`` beyond this many endpoints: ``ResourceLimitExceeded:
    The account-level service limit 'Number of endpoints' is N Endpoints,
    with current utilization of N Endpoints and a request delta of 1
    Endpoints. Please use AWS Service Quotas ...``.

Faults apply to SageMaker requests; ``deny_actions`` also to Application
Auto Scaling (CloudWatch and control routes are never faulted); forced
failures match endpoint names case-insensitively and are decided when the
create/update/rollback starts.

Control routes (JSON, not counted; see ``control.py``): ``GET /_emulator/health``,
``GET|POST /_emulator/config``, ``GET /_emulator/stats``, ``POST
/_emulator/stats/reset``, ``GET /_emulator/requests[?since=epoch]``, ``POST
/_emulator/reset``, ``GET /_emulator/holds``, ``POST
/_emulator/hold|release|unhold``, ``POST /_emulator/autoscale``, ``POST
/_emulator/managed-scale``.

Holds (deterministic points in time)
====================================
Python API: ``hold(endpoint_name, *phases) -> dict``, ``release(endpoint_name,
phase=None) -> dict``, ``unhold(endpoint_name) -> dict``, ``holds() -> dict``,
``wait_held(endpoint_name, timeout=60.0) -> str``; and
``autoscale(endpoint_name, variant_name, desired_instance_count) -> dict``,
``managed_scale(endpoint_name, variant_name, instance_count) -> dict``.

``Emulator.hold(endpoint, *phases)`` stops an endpoint, or an inference
component named ``inference-component/<name>`` (it need not exist yet)
when it enters its next phase of each kind: ``create``, ``provision``,
``shift``, ``bake``, ``termination-wait``, ``terminate``, ``rollback``,
``delete``, ``capacity``.  While held the phase's clock and the deployment's
``MaximumExecutionTimeoutInSeconds`` deadline stand still; alarms of a
monitored phase stay watched (an alarm set while a bake is held rolls the
deployment back, and ends the hold).  ``wait_held(endpoint)`` returns the kind
it stands in; ``release(endpoint[, phase])`` lets that phase run its full
duration from then on; ``unhold`` forgets its holds.  Tests use holds
instead of hoping that a poll lands inside a wall-clock window.

Simplified (where the documentation is silent, the plausible choice)
=====================================================================
* Every traffic shift, the last included, is followed by a bake of
  ``WaitIntervalInSeconds``; shifting itself and terminating the old fleet
  take no time.  Traffic steps are computed on the endpoint's total instance
  count; the 50 %/10–50 %/5–50 % rules are checked per variant.
* No ``MaximumExecutionTimeoutInSeconds`` means no deadline.  The timeout
  rule checks the sum ``WaitIntervalInSeconds + TerminationWaitInSeconds``
  (as the API reference words it), so a long linear rollout can still run
  into its deadline and roll back.
* Rollbacks, ``RollbackMaximumBatchSize`` included, take ``rollback_seconds``
  in one step and report ``RollingBack``.  The API reference documents that
  status for capacity/weight rollbacks; real deployment rollbacks are
  observed passing through it too (Terraform's provider waits through
  ``RollingBack`` after UpdateEndpoint, hashicorp/terraform-provider-aws#49020).
  ``UpdateRollbackFailed`` keeps the old ``EndpointConfigName`` and the
  partly drained old fleet; any deployment type can end there when
  ``fail_rollback`` names the endpoint.
* The FailureReason wording for alarm and timeout rollbacks, and the
  messages of the DeploymentConfig/tag/same-config rules, are the
  emulator's own (SageMaker's exact text is not documented); codes match.
* ``ProductionVariants`` is absent while ``Creating`` and on a failed create;
  during deployments weights are the configured ones (traffic progress is in
  the VariantStatus message); ``DeployedImages``, instance pools, shadow
  variants and serverless scaling are not modelled.  Managed instance
  scaling never scales by itself (no copies are placed on instances, so
  nothing needs instances): ``Emulator.managed_scale`` stands in for it and
  sets both counts at once, the endpoint staying ``InService`` (the
  documentation does not say whether it reports ``Updating`` meanwhile);
  ``UpdateEndpointWeightsAndCapacities`` may still set a managed variant's
  count (the documentation does not say SageMaker refuses it).
* Inference components: no placement on instances (no PlacementStatus, no
  check of ComputeResourceRequirements against the instance type, copies
  never wait for capacity); ``RollbackMaximumBatchSize`` is checked but a
  rollback takes ``rollback_seconds`` in one step; ``fail_rollback`` does not
  apply to them; ``DeleteInferenceComponent`` leaves a copy-count scalable
  target registered (the documentation says nothing; a tool must
  deregister it itself); ``ResolvedImage`` is the specified image.  A weight-only change takes ``capacity_seconds`` like a
  capacity change; ``DesiredInstanceCount`` 0 is not refused; capacity
  changes neither fail nor roll back.  ``SystemUpdating``/``OutOfService``
  never occur.
* ``NameContains`` matches case-insensitively; model and endpoint-config
  names collide case-insensitively but are looked up exactly.
* Data capture changes take effect when the update starts.
* Alarms change state only through ``SetAlarmState`` (moto does not evaluate
  metric data); re-putting an alarm with ``PutMetricAlarm`` resets it to
  ``OK`` and forgets its history.
* Application Auto Scaling never scales by itself (moto evaluates no
  metrics): ``Emulator.autoscale`` stands in for its scaling activities;
  ``RegisterScalableTarget`` does not check that the endpoint exists, and
  ``UpdateEndpointWeightsAndCapacities`` is not held to a target's range
  (the documentation bounds only scaling policies).
* No IAM evaluation beyond ``deny_actions``; no invocation (runtime) API.
  Operations moto does not implement answer HTTP 500.
"""

from .process import FAST, Emulator, EmulatorError

__all__ = ["Emulator", "EmulatorError", "FAST"]
