"""The Pulumi face: the `Endpoint` resource users write and the thin ResourceProvider the engine calls, plus what
the provider adjusts in the SDK's dynamic provider server it runs in."""
