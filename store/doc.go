// Package store implements the quickwin domain services on MongoDB with the
// official driver (go.mongodb.org/mongo-driver/v2): collections and indexes,
// the embedded MongoDB-compatible database (FerretDB on SQLite) of the
// default set-up, processed updates, conversation state, the outbox, leases,
// the audit log, and staged imports (imports.go: many documents made
// visible all at once, or not at all, without transactions), and the
// evidence archive's records and work queue (evidence.go; action steps'
// files in evidence_steps.go) with its bytes in GridFS on MongoDB
// (gridfs.go), and the copies the dashboard reads by _id instead of
// scanning (summaries.go, report_book.go, history.go): derived from the
// quick wins, reports and audit log, kept up by the writes, made again by
// readers when not current.
//
// It uses only the queries and operators that both MongoDB and FerretDB v1
// accept (compat_test.go pins them): every change is one atomic
// single-document write; uniqueness comes from unique indexes, not
// transactions; averages and joins are computed in Go. It imports the domain
// package and never the bot or the scheduler.
package store
