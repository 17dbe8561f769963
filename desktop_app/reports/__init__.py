"""Printed documents: the Decree 30/2020 frame (decree30) and the writers built on it."""
