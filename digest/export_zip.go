package digest

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"quickwin"
	"quickwin/locales"
)

// The export with evidence is a ZIP: the workbook at its root and, beside
// it, a folder per OPD, quick win and report holding that report's
// archived files (and one per action step done with files of its own,
// export_zip_steps.go):
//
//	Ekspor-quickwin-2027-12-31.xlsx
//	bukti/DINKES/DINKES-01/2027-03-10_3f9a12c4/01.jpg
//	bukti/DINKES/DINKES-01/2027-03-10_3f9a12c4/02_SK-Kadis.pdf
//
// Each report row of the workbook links to its folder with a relative
// hyperlink, which works wherever the ZIP is unpacked. The ZIP is written
// as a stream: one file's bytes at a time go from the archive to w.

// EvidenceSource reads the evidence archive for the export.
type EvidenceSource interface {
	EvidenceOfTenant(ctx context.Context, tenantID string) ([]quickwin.EvidenceRecord, error)
	OpenBlob(ctx context.Context, sum string) (io.ReadCloser, error)
}

// EvidenceZip writes the export with evidence. It implements the bot's
// EvidenceExporter.
type EvidenceZip struct {
	Publisher *Publisher
	Files     EvidenceSource
}

// ZipStats says what an export with evidence holds.
type ZipStats struct {
	Reports  int   // reports in the period
	Steps    int   // steps done in the period with files of their own (export_zip_steps.go)
	Files    int   // evidence files written
	Missing  int   // files of those reports not archived (yet, or too large)
	Bytes    int64 // of the evidence files
	FileName string
}

// fileLink is a report's evidence folder in the ZIP, as the workbook's
// cell that links to it.
type fileLink struct {
	Folder string
	Files  int
}

func (f fileLink) cell(style int) excelize.Cell {
	q := func(s string) string { return strings.ReplaceAll(s, `"`, `""`) }
	text := fmt.Sprintf("%s/ (%d)", f.Folder, f.Files)
	return excelize.Cell{StyleID: style, Value: text, Formula: fmt.Sprintf(`HYPERLINK("%s/","%s")`, q(f.Folder), q(text))}
}

// zipEntry is one evidence file in the ZIP.
type zipEntry struct {
	name string
	rec  quickwin.EvidenceRecord
}

// plan decides the folders and file names of reports (those dated in
// [from, to)) and of the steps of commitments done in that period.
func (z EvidenceZip) plan(ctx context.Context, tenantID string, loc *time.Location, commitments []quickwin.QuickWin, reports []quickwin.Report, from, to time.Time) (map[string]fileLink, []zipEntry, ZipStats, error) {
	var st ZipStats
	recs, err := z.Files.EvidenceOfTenant(ctx, tenantID)
	if err != nil {
		return nil, nil, st, err
	}
	codes := map[string]string{}
	for _, c := range commitments {
		codes[c.ID] = c.Code
	}
	byReport := map[string][]quickwin.EvidenceRecord{}
	for _, r := range recs {
		byReport[r.ReportID] = append(byReport[r.ReportID], r)
	}
	reports = slices.Clone(reports)
	sort.Slice(reports, func(i, j int) bool { return reports[i].Date.Before(reports[j].Date) })
	links := map[string]fileLink{}
	var entries []zipEntry
	st.Reports = len(reports)
	for _, rep := range reports {
		files := byReport[rep.ID]
		sort.SliceStable(files, func(i, j int) bool { return files[i].Seq < files[j].Seq })
		code := codes[rep.QuickWinID]
		if code == "" {
			code = rep.QuickWinID
		}
		folder := path.Join("bukti", safeName(rep.OPDCode), safeName(code), rep.Date.In(loc).Format("2006-01-02")+"_"+shortID(rep.ID))
		var n int
		if entries, n = addFolder(entries, folder, files, &st); n > 0 {
			links[rep.ID] = fileLink{Folder: folder, Files: n}
		}
	}
	entries = planSteps(commitments, recs, from, to, links, entries, &st)
	return links, entries, st, nil
}

// addFolder adds the archived ones of files (in order) to entries as the
// folder's files, counts them in st and says how many there are.
func addFolder(entries []zipEntry, folder string, files []quickwin.EvidenceRecord, st *ZipStats) ([]zipEntry, int) {
	n := 0
	for _, f := range files {
		if f.State != quickwin.EvidenceArchived {
			st.Missing++
			continue
		}
		n++
		entries = append(entries, zipEntry{name: path.Join(folder, fileNameOf(n, f)), rec: f})
		st.Files++
		st.Bytes += f.Size
	}
	return entries, n
}

// EvidenceSize is the total size of the archived files of the reports
// dated in [from, to).
func (z EvidenceZip) EvidenceSize(ctx context.Context, tenantID string, from, to time.Time) (int64, error) {
	_, loc, err := z.Publisher.tenant(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	commitments, err := z.Publisher.store.QuickWins(ctx, tenantID, quickwin.QuickWinFilter{})
	if err != nil {
		return 0, err
	}
	reports, err := z.Publisher.store.ReportsDated(ctx, tenantID, from, to)
	if err != nil {
		return 0, err
	}
	_, _, st, err := z.plan(ctx, tenantID, loc, commitments, reports, from, to)
	return st.Bytes, err
}

// WriteEvidenceZip implements the bot's EvidenceExporter.
func (z EvidenceZip) WriteEvidenceZip(ctx context.Context, w io.Writer, tenantID, lang string, from, to time.Time) error {
	_, err := z.Write(ctx, w, tenantID, lang, from, to)
	return err
}

// Write streams the ZIP of the reports dated in [from, to) (zero: open)
// to w and says what it holds.
func (z EvidenceZip) Write(ctx context.Context, w io.Writer, tenantID, lang string, from, to time.Time) (ZipStats, error) {
	l := locales.ParseLang(lang)
	// The workbook and the folders are made from one reading of the
	// quick wins and reports.
	d, err := z.Publisher.loadExport(ctx, tenantID, from, to)
	if err != nil {
		return ZipStats{}, err
	}
	links, entries, st, err := z.plan(ctx, tenantID, d.loc, d.commitments, d.reports, from, to)
	if err != nil {
		return st, err
	}
	book, now, err := z.Publisher.exportWorkbook(l, d, links)
	if err != nil {
		return st, err
	}
	st.FileName = fileName(l, "report.file.export", now.Format("2006-01-02"))
	zw := zip.NewWriter(w)
	if err := writeZipFile(zw, st.FileName, now, zip.Deflate, func(out io.Writer) error {
		_, err := out.Write(book)
		return err
	}); err != nil {
		return st, err
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		// Photos and PDFs are compressed already: stored as they are,
		// which is faster and no bigger.
		method := zip.Deflate
		if strings.HasPrefix(e.rec.ContentType, "image/") || e.rec.ContentType == "application/pdf" || strings.Contains(e.rec.ContentType, "zip") {
			method = zip.Store
		}
		err := writeZipFile(zw, e.name, e.rec.ArchivedAt, method, func(out io.Writer) error {
			body, err := z.Files.OpenBlob(ctx, e.rec.SHA256)
			if err != nil {
				return err
			}
			defer body.Close()
			_, err = io.Copy(out, body)
			return err
		})
		if err != nil {
			return st, fmt.Errorf("evidence %s: %w", e.rec.ID, err)
		}
	}
	return st, zw.Close()
}

func writeZipFile(zw *zip.Writer, name string, modified time.Time, method uint16, write func(io.Writer) error) error {
	out, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: modified})
	if err != nil {
		return err
	}
	return write(out)
}

// fileNameOf is "01.jpg", or "02_SK Kadis.pdf" for a document with a name.
func fileNameOf(n int, r quickwin.EvidenceRecord) string {
	ext := extensionOf(r.ContentType)
	if r.FileName != "" {
		base := safeName(r.FileName)
		if ext == "" || path.Ext(base) != "" {
			return fmt.Sprintf("%02d_%s", n, base)
		}
		return fmt.Sprintf("%02d_%s%s", n, base, ext)
	}
	if ext == "" {
		ext = ".bin"
	}
	return fmt.Sprintf("%02d%s", n, ext)
}

func extensionOf(contentType string) string {
	ct, _, _ := strings.Cut(contentType, ";")
	switch strings.TrimSpace(ct) {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	case "image/webp":
		return ".webp"
	case "application/pdf":
		return ".pdf"
	case "video/mp4":
		return ".mp4"
	}
	return ""
}

// safeName keeps a name readable on every system: letters, digits, space,
// dot, dash and underscore; anything else (slashes above all) becomes "_".
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == ' ', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, strings.TrimSpace(s))
	s = strings.Trim(s, ". ")
	if len(s) > 80 {
		s = s[:80]
	}
	if s == "" {
		return "_"
	}
	return s
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// periodText is "1 Januari 2027 – 31 Desember 2027" for [from, to): the
// days of the period, with an open bound left out.
func periodText(l locales.Lang, from, to time.Time, loc *time.Location) string {
	f, t := "…", "…"
	if !from.IsZero() {
		f = locales.FormatDate(l, from.In(loc))
	}
	if !to.IsZero() {
		t = locales.FormatDate(l, to.In(loc).Add(-time.Nanosecond))
	}
	return locales.T(l, "evidence.period", map[string]any{"From": f, "To": t})
}
