"""gunicorn settings, read by `gunicorn wsgi:app` when started from this folder.

Bind address, workers and threads are the operator's (command line or environment,
e.g. `gunicorn -w 2 --threads 4 -b 127.0.0.1:8000 wsgi:app`); see README, Production.
"""


import gc


def post_worker_init(worker):
    """Open the search index (building it if it is missing) as soon as a worker starts,
    so that no visitor's first search pays for it. Then move what start-up made (content,
    templates, the opened index) out of the garbage collector's reach: a full collection
    would otherwise walk it all, a 60 ms pause in the middle of some request."""
    from registry import open_search

    open_search(worker.wsgi)
    gc.freeze()
