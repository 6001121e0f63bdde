package bot

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/digest"
	"quickwin/evidence"
	"quickwin/locales"
	"quickwin/telegram"
	"quickwin/telegramtest"
)

// testJPEG is a small photo whose bytes differ with seed.
func testJPEG(t *testing.T, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			img.Set(x, y, color.RGBA{uint8(x * seed * 7), uint8(y * 9), uint8(seed * 60), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// archiveWorld is a qwWorld whose bot has an evidence archive on disk; the
// test runs the archive's worker itself (archive).
func archiveWorld(t *testing.T, lang string) (*qwWorld, func()) {
	t.Helper()
	w := newQW(t, lang)
	var arch *evidence.Archiver
	w.restart(func(cfg *Config) {
		w.outbox.api, cfg.Outbox = cfg.Client, w.outbox
		blobs := evidence.Dir{Root: t.TempDir()}
		arch = &evidence.Archiver{Records: w.store, Blobs: blobs, Telegram: cfg.Client, Owner: "test", Clock: w.store.Clock,
			Permanent: func(err error) bool { return errors.Is(err, telegram.ErrTooLarge) }}
		files := evidence.Files{Records: w.store, Blobs: blobs}
		cfg.Archive = Archive{Files: files, Export: digest.EvidenceZip{Publisher: digest.New(w.store, cfg.Clock), Files: files}}
	})
	return w, func() {
		t.Helper()
		if _, err := arch.ArchiveDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReportWithThreePhotos: staff sends three photos with captions in one
// go; one acknowledgement counts them. The files are archived; Telegram
// then forgets them, and the verifier still sees each photo, from the
// archive, with its caption. Both languages, as a golden transcript.
func TestReportWithThreePhotos(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w, archive := archiveWorld(t, lang)
			in := journeyInput[lang]
			tr := newTranscript(t, "qw_three_photos."+lang)
			T := func(key string, data map[string]any) string { return locales.T(locales.Lang(lang), key, data) }
			ctx := context.Background()
			w.commit(t, w.numeric("Posyandu aktif di semua desa"))

			tr.note("staff types %q", in.reportCmd)
			w.staff.Send(in.reportCmd)
			q := tr.see("staff", w.message(w.staff))
			if _, ok := q.Button("DINKES-01"); ok {
				w.staff.Press(q, "DINKES-01")
				tr.see("staff", w.message(w.staff))
			}
			for _, a := range []string{in.value, "Pemantauan bulan Maret"} {
				tr.note("staff types %q", a)
				w.staff.Send(a)
				tr.see("staff", w.message(w.staff))
			}
			captions := []string{"Posyandu Melati, Desa Cibeureum", "Penimbangan balita <12 bulan>", ""}
			photos := make([][]byte, 3)
			var sent []telegramtest.Incoming
			for i, c := range captions {
				photos[i] = testJPEG(t, i+1)
				sent = append(sent, w.staff.SendPhotoData(photos[i], c))
				tr.note("staff sends photo %d with caption %q", i+1, c)
			}
			ack := tr.see("staff", w.message(w.staff))
			tr.see("staff", w.edit(w.staff))
			last := tr.see("staff", w.edit(w.staff))
			shows(t, last, "📎 3")
			if last.MessageID != ack.MessageID {
				t.Errorf("files acknowledged in message %d and %d, want one message edited", ack.MessageID, last.MessageID)
			}
			w.staff.Press(last, locales.TPlural(locales.Lang(lang), "qw.ev.done", 3, nil))
			confirm := tr.see("staff", w.message(w.staff))
			w.staff.Press(confirm, T("qw.report.send", nil))
			tr.see("staff", w.message(w.staff))
			tr.see("head (notified)", w.message(w.head))

			reps, err := w.store.Reports(ctx, w.tenant.ID, quickwin.ReportFilter{})
			if err != nil || len(reps) != 1 || len(reps[0].Evidence) != 3 {
				t.Fatalf("reports %+v, %v", reps, err)
			}
			for i, e := range reps[0].Evidence {
				if e.FileID != sent[i].FileID || e.Caption != captions[i] {
					t.Errorf("evidence %d = %+v, want file %s with caption %q", i, e, sent[i].FileID, captions[i])
				}
			}

			archive()
			for _, s := range sent {
				w.srv.ForgetFile(s.FileID)
			}
			tr.note("the files are archived; Telegram forgets them")

			tr.note("admin types %q", in.verifyCmd)
			w.admin.Send(in.verifyCmd)
			for i := range photos {
				p := tr.see("admin", w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendMediaGroup" }))
				tr.note("photo %d arrives as %d uploaded bytes (file id %q)", i+1, len(p.FileBytes), p.FileID)
				if !bytes.Equal(p.FileBytes, photos[i]) {
					t.Errorf("photo %d shown with %d bytes, want the archived %d", i+1, len(p.FileBytes), len(photos[i]))
				}
				if captions[i] != "" && !strings.Contains(p.Text, telegram.Escape(captions[i])) {
					t.Errorf("photo %d caption %q does not show %q", i+1, p.Text, captions[i])
				}
			}
			card := tr.see("admin", w.message(w.admin))
			shows(t, card, "Pemantauan bulan Maret")
			if strings.Contains(card.Text, "⚠️") {
				t.Errorf("the card warns about the evidence:\n%s", card.Text)
			}
			tr.check()
		})
	}
}

// TestVerifierWithoutArchiveFallsBackToFileID: a file not archived (yet)
// is shown by its Telegram file id; once Telegram forgot it too, the
// verifier is told the evidence could not be shown.
func TestVerifierWithoutArchiveFallsBackToFileID(t *testing.T) {
	t.Parallel()
	w, _ := archiveWorld(t, "id") // the worker never runs
	w.commit(t, w.numeric("Posyandu aktif di semua desa"))
	rep := &quickwin.Report{TenantID: w.tenant.ID, Value: new(float64), Evidence: []quickwin.Evidence{
		{FileID: w.staff.SendPhoto("").FileID, Kind: "photo", Caption: "depan"}}}
	w.srv.Drain()
	c, _ := w.store.QuickWinByCode(context.Background(), w.tenant.ID, "DINKES-01")
	rep.QuickWinID = c.ID
	if _, err := w.store.CreateReport(context.Background(), w.member(3), rep); err != nil {
		t.Fatal(err)
	}
	w.admin.Send("/verifikasi")
	p := w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendPhoto" })
	if p.FileID != rep.Evidence[0].FileID || !strings.Contains(p.Text, "💬 depan") {
		t.Errorf("not archived: shown %+v, want by file id with its caption", p)
	}
	w.message(w.admin)
	w.srv.ForgetFile(rep.Evidence[0].FileID)
	w.admin.Send("/verifikasi")
	card := w.message(w.admin)
	shows(t, card, fmt.Sprint(locales.T(locales.ID, "qw.verify.evidence_failed", nil)))
}

// TestExportWithEvidenceInChat: an admin's /ekspor bukti sends a ZIP with
// the workbook and the archived photo; a leader is refused; an export over
// Telegram's 50 MB is not made and the admin gets the server command.
func TestExportWithEvidenceInChat(t *testing.T) {
	t.Parallel()
	w, archive := archiveWorld(t, "id")
	ctx := context.Background()
	w.commit(t, w.numeric("Posyandu aktif di semua desa"))
	photo := testJPEG(t, 5)
	c, _ := w.store.QuickWinByCode(ctx, w.tenant.ID, "DINKES-01")
	rep := &quickwin.Report{TenantID: w.tenant.ID, QuickWinID: c.ID, Value: new(float64), Evidence: []quickwin.Evidence{
		{FileID: w.staff.SendPhotoData(photo, "").FileID, Kind: "photo"}}}
	w.srv.Drain()
	if _, err := w.store.CreateReport(ctx, w.member(3), rep); err != nil {
		t.Fatal(err)
	}
	archive()

	w.admin.Send("/ekspor bukti 2027")
	doc := w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendDocument" })
	shows(t, doc, "📦", "2027")
	zr, err := zip.NewReader(bytes.NewReader(doc.FileBytes), int64(len(doc.FileBytes)))
	if err != nil || !strings.HasSuffix(doc.FileName, ".zip") {
		t.Fatalf("%s: %v", doc.FileName, err)
	}
	found := false
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "bukti/DINKES/DINKES-01/") && strings.HasSuffix(f.Name, "/01.jpg") {
			rc, _ := f.Open()
			got, _ := io.ReadAll(rc)
			rc.Close()
			found = bytes.Equal(got, photo)
		}
	}
	if !found {
		t.Errorf("the ZIP lacks the archived photo")
	}
	w.admin.Send("/ekspor bukti 2026")
	doc = w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendDocument" })
	if zr, _ := zip.NewReader(bytes.NewReader(doc.FileBytes), int64(len(doc.FileBytes))); zr == nil || len(zr.File) != 1 {
		t.Errorf("2026 has no reports: want the workbook alone")
	}
	w.admin.Send("/ekspor bukti kemarin")
	shows(t, w.message(w.admin), "/ekspor bukti 2027")

	w.leader.Send("/ekspor bukti")
	shows(t, w.message(w.leader), locales.T(locales.ID, "evidence.export.admins_only", nil))

	w.restart(func(cfg *Config) { cfg.Archive = Archive{Export: hugeExport{}} })
	w.admin.Send("/ekspor bukti 2027")
	shows(t, w.message(w.admin), "60 MB", "quickwin export --out bukti.zip --evidence --from 2027-01-01 --to 2027-12-31")
}

// hugeExport has 60 MB of evidence and must never be written.
type hugeExport struct{}

func (hugeExport) EvidenceSize(context.Context, string, time.Time, time.Time) (int64, error) {
	return 60 << 20, nil
}

func (hugeExport) WriteEvidenceZip(context.Context, io.Writer, string, string, time.Time, time.Time) error {
	return errors.New("an export over 50 MB was written")
}
