"""Class-wide nbgrader settings in the medialit single-user image (/etc/jupyter/nbgrader_config.py).

The exchange is ngshare, reached through the hub's proxy as the service "ngshare" (see
exchange-ngshare.yaml); every request carries the user's own JupyterHub token, so ngshare
knows who fetches and submits.  With the exchange on a shared volume instead
(exchange-shared-volume.yaml), set MEDIALIT_EXCHANGE=shared-volume in the pods.
"""

import os

c = get_config()  # noqa: F821

COURSE_ID = "medialit"
NGSHARE_URL = os.environ.get("MEDIALIT_NGSHARE_URL", "http://proxy-public/services/ngshare")
SHARED_EXCHANGE = "/srv/nbgrader/exchange"

c.CourseDirectory.course_id = COURSE_ID
if os.environ.get("MEDIALIT_EXCHANGE") == "shared-volume":
    c.Exchange.root = SHARED_EXCHANGE
    c.ExchangeFactory.submit = "medialit.hub.exchange_guard.SafeSubmit"
else:
    from ngshare_exchange import configureExchange

    configureExchange(c, NGSHARE_URL)
