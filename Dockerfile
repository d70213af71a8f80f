# The SLO Ledger bundle inside Grafana, built with no local npm.
# Stage 1 builds the frontend (webpack) and the backend executable (a Node 24
# single executable application); stage 2 is Grafana's Ubuntu-based image,
# because the executable needs glibc's libstdc++ (the default Alpine image
# lacks it, see README "Runtime requirements").
ARG GRAFANA_VERSION=13.2.2

FROM node:24-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
# npm 11 may reject a lock written on another platform (optional @swc/core
# binaries, .ci/run): fall back to `npm install`, which honours the same lock
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM grafana/grafana:${GRAFANA_VERSION}-ubuntu
COPY --from=build /src/dist /var/lib/grafana/plugins/sloledger-app
