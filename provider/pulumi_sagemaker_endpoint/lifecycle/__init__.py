"""The lifecycle layer: create, read, update (with rollout), delete and adopt, each in the module of its name,
with the request builders (requests.py) and outputs (outputs.py) beside them, and the pure diff. Every function
takes state-form inputs and an aws Target, returns state-form outputs, and raises EndpointError with one
sentence."""
