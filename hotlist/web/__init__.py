"""The recruiter's desk: ``hotlist web``, server-rendered pages over ``hotlist.desk`` (see ``app``)."""
