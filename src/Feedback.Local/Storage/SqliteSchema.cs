namespace Feedback.Local.Storage;

internal static class SqliteSchema
{
    // Times are Unix milliseconds so that deadline comparisons are plain integer comparisons.
    public const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS tickets (
            number       TEXT PRIMARY KEY,
            day          TEXT NOT NULL,
            status       TEXT NOT NULL,
            channel      TEXT NOT NULL,
            received_at  INTEGER NOT NULL,
            respond_by   INTEGER,
            resolve_by   INTEGER,
            responded_at INTEGER,
            resolved_at  INTEGER,
            breach_at    INTEGER,
            etag         TEXT NOT NULL,
            doc          TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_tickets_status ON tickets(status, received_at);
        CREATE INDEX IF NOT EXISTS ix_tickets_received ON tickets(received_at);
        CREATE INDEX IF NOT EXISTS ix_tickets_untriaged ON tickets(received_at) WHERE status = 'Open' AND respond_by IS NULL;
        CREATE TABLE IF NOT EXISTS counters (
            day   TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS dedupe (
            key        TEXT PRIMARY KEY,
            number     TEXT NOT NULL,
            expires_at INTEGER
        );
        CREATE INDEX IF NOT EXISTS ix_dedupe_expires ON dedupe(expires_at);
        CREATE TABLE IF NOT EXISTS outbox (
            sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
            id          TEXT NOT NULL UNIQUE,
            type        TEXT NOT NULL,
            ticket      TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            doc         TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS settings (
            name    TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            json    TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS records (
            kind       TEXT NOT NULL,
            id         TEXT NOT NULL,
            status     TEXT NOT NULL,
            department TEXT,
            updated_at INTEGER NOT NULL,
            etag       TEXT NOT NULL,
            json       TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        );
        CREATE INDEX IF NOT EXISTS ix_records_list ON records(kind, status, updated_at);
        CREATE TABLE IF NOT EXISTS aggregates (
            id   TEXT PRIMARY KEY,
            json TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS reports (
            period   TEXT PRIMARY KEY,
            kind     TEXT NOT NULL,
            from_day TEXT NOT NULL,
            to_day   TEXT NOT NULL,
            built_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS report_rows (
            period    TEXT NOT NULL,
            kind      TEXT NOT NULL,
            metric    TEXT NOT NULL,
            dimension TEXT NOT NULL,
            value     REAL NOT NULL,
            drill     TEXT,
            PRIMARY KEY (period, metric, dimension)
        );
        -- Append-only: the audit trail cannot be changed or cut, not even by this program.
        CREATE TABLE IF NOT EXISTS audit (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            at       INTEGER NOT NULL,
            doc      TEXT NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TABLE IF NOT EXISTS checkpoints (
            name     TEXT PRIMARY KEY,
            sequence INTEGER NOT NULL
        );
        """;
}
