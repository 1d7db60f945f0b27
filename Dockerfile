# One image for every jobpipe service; the per-service entrypoint is the compose/ECS command
# (`node services/<name>/dist/main.js`: the same esbuild bundles `npm start` runs, built in the image, so
# no container carries tsx and its esbuild child). The `browser` target adds Debian's Chromium and
# chromedriver for the applier, the auth-refresher and the scraper's Selenium fallback.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY shared/package.json shared/
COPY cli/package.json cli/
COPY infra/package.json infra/
COPY mcp/package.json mcp/
COPY tools/replay/package.json tools/replay/
COPY tools/test-kit/package.json tools/test-kit/
COPY services/scraper/package.json services/scraper/
COPY services/parser/package.json services/parser/
COPY services/recommender/package.json services/recommender/
COPY services/crm-api/package.json services/crm-api/
COPY services/applier/package.json services/applier/
COPY services/auth-refresher/package.json services/auth-refresher/
COPY services/etl/package.json services/etl/
COPY services/sheets-bridge/package.json services/sheets-bridge/
COPY services/inbox/package.json services/inbox/
COPY services/notifier/package.json services/notifier/
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production JOBPIPE_TRANSPORT=aws AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true SE_OFFLINE=true
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build -- --force
USER node
CMD ["node", "cli/dist/main.js", "--help"]

FROM runtime AS browser
USER root
RUN apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver && rm -rf /var/lib/apt/lists/*
USER node
