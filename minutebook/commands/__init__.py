"""Commands around the build: a new site, imports from other systems.

Each reads and writes a site's files; none is part of a build."""
