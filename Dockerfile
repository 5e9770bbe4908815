# The maillage API for docker-compose.yml (Neo4j runs in its own container).

# The explorer's front-end files (cytoscape, pinned in web/package-lock.json), built by scripts/assets.
FROM node:22-slim AS assets
WORKDIR /src
COPY web/package.json web/package-lock.json web/
COPY scripts/assets scripts/assets
RUN scripts/assets

# maillage installed from its wheel by scripts/install-wheel, the install tests/test_package.py checks.
FROM python:3.11-slim
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY scripts/install-wheel scripts/install-wheel
COPY maillage maillage
COPY graph graph
COPY queries queries
COPY importers importers
COPY analysis analysis
COPY api api
COPY data data
COPY --from=assets /src/api/static/vendor api/static/vendor
RUN scripts/install-wheel python \
    && mkdir -p /app/data && cp -r data/reference /app/data/reference \
    && cd / && rm -rf /src && useradd --system maillage
WORKDIR /app
USER maillage
ENV MAILLAGE_ANALYSIS_CACHE=/tmp/maillage-analysis
EXPOSE 8000
CMD ["maillage", "serve", "--host", "0.0.0.0", "--port", "8000"]
