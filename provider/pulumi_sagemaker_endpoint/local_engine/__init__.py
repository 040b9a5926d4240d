"""A small stand-in for the Pulumi engine: drives the SDK's dynamic provider server (`python -m pulumi.dynamic`)
over gRPC with the engine's RPCs, order and arguments. The quickstart uses it where no `pulumi` CLI is installed;
the tests use it as their harness. engine.py cites the pulumi sources it follows."""
