"""A class hub: JupyterHub with one instructor, N students and nbgrader's exchange.

The modules, in the order ``medialit hub demo`` uses them:

- :mod:`~medialit.hub.site`: where a hub keeps its files (one folder, described in ``site.json``);
- :mod:`~medialit.hub.users`: real OS accounts (``useradd``), created and removed by name prefix;
- :mod:`~medialit.hub.envs`: the students' and the instructor's Python environments;
- :mod:`~medialit.hub.course_folder`: the instructor's course folder (mode 0700);
- :mod:`~medialit.hub.exchange`: the shared exchange folder and its health check;
- :mod:`~medialit.hub.exchange_guard`: nbgrader exchange classes that refuse forged submissions
  and hand in nothing half-copied;
- :mod:`~medialit.hub.config`: the JupyterHub and nbgrader configuration files;
- :mod:`~medialit.hub.process` and :mod:`~medialit.hub.api`: running the hub and talking to it;
- :mod:`~medialit.hub.roles`: a command run as a class member, as in their server's terminal;
- :mod:`~medialit.hub.demo`: everything above in one call;
- :mod:`~medialit.hub.collect_report`, :mod:`~medialit.hub.grades_export`: after collecting;
- :mod:`~medialit.hub.simulate`: scripted students for the scaling benchmark.

Everything here needs root (accounts, ownership, ``setuid``) except the grade export and
the collect report.  Importing this package imports nothing heavy.
"""
