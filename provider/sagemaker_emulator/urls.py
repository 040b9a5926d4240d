"""URL map moto reads for the emulator's SageMaker backend (``<module>.models`` → ``<module>.urls``)."""

from .responses import EmulatorSageMakerResponse

url_bases = [
    r"https?://api\.sagemaker\.(.+)\.amazonaws.com",
]

url_paths = {
    "{0}/$": EmulatorSageMakerResponse.dispatch,
}
