"""URL map moto reads for the emulator's Application Auto Scaling backend (``<module>.models`` → ``<module>.urls``)."""

from moto.applicationautoscaling.urls import url_bases

from .responses import EmulatorAutoScalingResponse

__all__ = ["url_bases", "url_paths"]

url_paths = {
    "{0}/$": EmulatorAutoScalingResponse.dispatch,
}
