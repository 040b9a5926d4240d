"""The bottom layer: the property table, key-case conversion, durations, unknown values and progress events.
Imports nothing from the other layers."""
