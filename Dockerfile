# syntax=docker/dockerfile:1
# Multi-stage: build with dev dependencies, run with production ones only,
# as a non-root user. Migrations run as a separate deploy step:
#   docker run --rm -e DATABASE_URL=… -e DATABASE_OWNER_URL=… guidepost npm run migrate

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY bench ./bench
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Templates, base catalogs and stylesheet are read at runtime from src/branding.
COPY src/branding/theme ./src/branding/theme
COPY src/branding/locales ./src/branding/locales
COPY src/branding/emails/templates ./src/branding/emails/templates
COPY tenants ./tenants
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
