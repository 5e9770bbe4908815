# The maillage API for docker-compose.yml (Neo4j runs in its own container).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY maillage maillage
COPY graph graph
COPY queries queries
COPY importers importers
COPY analysis analysis
COPY api api
COPY data data
RUN pip install --no-cache-dir . && useradd --system maillage
USER maillage
ENV MAILLAGE_ANALYSIS_CACHE=/tmp/maillage-analysis
EXPOSE 8000
CMD ["maillage", "serve", "--host", "0.0.0.0", "--port", "8000"]
