"""The check layer: what `check()` does — normalise every input form to the state form, name the endpoint,
validate against schema.json, the rules JSON Schema cannot state, the live lookups a planned rollout needs, and
the plan text. `review.check` is the one orchestrator; `review.live_failures` runs its AWS-dependent rules again
before UpdateEndpoint. Also the CLI-input documents, which are one more input form."""
