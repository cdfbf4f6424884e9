"""The record contract: `records.ArchiveRecord`, the page base of every record type, and the kinds it names."""
