"""The live attach view: the monitor socket (server.py) and its viewer (viewer.py)."""
