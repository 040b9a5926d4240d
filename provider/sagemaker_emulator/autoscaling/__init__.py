"""Application Auto Scaling for SageMaker variants, through moto's own backend (moto's file roles).

``models.py`` extends moto's ``ApplicationAutoscalingBackend`` (state and
rules), ``responses.py``/``urls.py`` extend its response class with the
emulator's fault injection and model-driven validation.
"""
