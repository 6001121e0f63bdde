# Build: a static binary (pure-Go SQLite in the embedded database, no cgo),
# without the PostgreSQL backend of FerretDB, stripped.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -tags ferretdb_no_postgresql \
      -ldflags "-s -w -X main.version=${VERSION}" -o /out/quickwin ./cmd/quickwin \
 && mkdir -p /out/data

# Run: nothing but the binary (time zones are embedded) and CA certificates,
# as a non-root user; the embedded database lives on the /data volume.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/quickwin /quickwin
COPY --from=build --chown=65532:65532 /out/data /data
# Inside the container the bot listens on all of the container's interfaces
# so that a published port reaches it; publish it on the host's loopback
# only (compose.yaml does), since /metrics is not for the internet.
ENV QW_DATA_DIR=/data QW_LISTEN=:8080
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
# distroless has no curl: the binary asks its own /healthz (200 when the
# database answers).
HEALTHCHECK --interval=30s --timeout=6s --start-period=30s --retries=3 CMD ["/quickwin", "health"]
ENTRYPOINT ["/quickwin"]
CMD ["serve"]
