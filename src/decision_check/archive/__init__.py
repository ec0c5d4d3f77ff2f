"""Evidence packages for the archive: the BagIt package of one decision, its 归档文件目录, and verification.

- :mod:`.catalogue` — the 归档文件目录 rows (DA/T 22-2015 columns) as CSV and XLSX;
- :mod:`.package` — builds the package (RFC 8493 BagIt, SHA-256 and SHA-512 manifests, made with the
  maintained ``bagit`` library) from a decision record, its evidence files and its validation result;
- :mod:`.verify` — checks a package folder or zip and reports *every* problem, each naming its file.

This is an adapter: it consumes what :func:`decision_check.validate.run` decided and never re-judges.
"""
