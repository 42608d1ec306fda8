"""beihu-extract: typed records from Japanese and Chinese news on China's regional economy and technology."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("beihu-extract")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
