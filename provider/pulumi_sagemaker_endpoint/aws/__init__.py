"""The AWS layer: clients and targeting, find helpers, waiting as tables with one shared status sweep, the
classification of every AWS error into one sentence, and the IAM policy for exactly the calls made."""
