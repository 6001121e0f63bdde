package bot

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"quickwin/locales"
	"quickwin/telegramtest"
)

// TestStepPhotoIsArchived: a photo sent when a step is marked done in the
// plan is archived (the store queues it; the bot does nothing of its own),
// the plan shows it again after Telegram forgot it, and it is in /ekspor
// bukti; in both languages, with a transcript of what the head sees.
func TestStepPhotoIsArchived(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w, archive := archiveWorld(t, lang)
			l := locales.ParseLang(lang)
			tr := newTranscript(t, "step_evidence."+lang)
			ctx := context.Background()
			w.commit(t, w.numeric("Posyandu aktif"))
			press := func(s telegramtest.Sent, button string, edit bool) telegramtest.Sent {
				tr.note("staff presses %q", button)
				w.staff.Press(s, button)
				if edit {
					return tr.see("staff", w.edit(w.staff))
				}
				return tr.see("staff", w.message(w.staff))
			}
			plan := map[string]string{"id": "/rencana", "en": "/plan"}[lang]
			tr.note("staff types %s", plan)
			w.staff.Send(plan)
			sel := press(tr.see("staff", w.message(w.staff)), "1", true)
			press(sel, "✅ "+locales.T(l, "qw.plan.mark_done", nil), false)
			photo := testJPEG(t, 3)
			tr.note("staff sends a photo with the caption %q", "pendataan selesai")
			sent := w.staff.SendPhotoData(photo, "pendataan selesai")
			ack := tr.see("staff", w.message(w.staff))
			shows(t, press(ack, locales.TPlural(l, "qw.ev.done", 1, nil), false), locales.T(l, "qw.plan.marked_done", map[string]any{"Title": "Pendataan"}))
			w.srv.Drain()

			archive()
			w.srv.ForgetFile(sent.FileID)
			c, _ := w.store.QuickWinByCode(ctx, w.tenant.ID, "DINKES-01")
			if e := c.Steps[0].Evidence; len(e) != 1 || e[0].FileID != sent.FileID || e[0].SHA256 == "" {
				t.Fatalf("step evidence %+v, want the photo archived", e)
			}

			// The plan shows the step's photo again, from the archive.
			tr.note("staff types %s (Telegram has forgotten the photo)", plan)
			w.staff.Send(plan)
			see := "📎 " + locales.T(l, "qw.plan.show_evidence", map[string]any{"N": 1})
			sel = press(tr.see("staff", w.message(w.staff)), "1", true)
			shows(t, sel, see)
			tr.note("staff presses %q", see)
			w.staff.Press(sel, see)
			shown := tr.see("staff", w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == w.staff.ID && s.Method == "sendPhoto" }))
			caption := locales.T(l, "qw.plan.evidence_caption", map[string]any{"Code": "DINKES-01", "N": 1, "Title": "Pendataan"})
			if !bytes.Equal(shown.FileBytes, photo) || !strings.Contains(shown.Text, caption) || !strings.Contains(shown.Text, "pendataan selesai") {
				t.Errorf("step evidence shown: %d bytes, caption %q; want the archived photo under %q", len(shown.FileBytes), shown.Text, caption)
			}
			tr.check()

			w.admin.Send(map[string]string{"id": "/ekspor bukti 2027", "en": "/export evidence 2027"}[lang])
			doc := w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendDocument" })
			zr, err := zip.NewReader(bytes.NewReader(doc.FileBytes), int64(len(doc.FileBytes)))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
				if f.Name == "bukti/DINKES/DINKES-01/langkah-01_Pendataan/01.jpg" { // folder names are fixed, as the export's
					rc, _ := f.Open()
					got, _ := io.ReadAll(rc)
					rc.Close()
					if !bytes.Equal(got, photo) {
						t.Errorf("%s holds %d bytes, want the photo's %d", f.Name, len(got), len(photo))
					}
					return
				}
			}
			t.Errorf("the ZIP lacks the step's photo: %s", strings.Join(names, ", "))
		})
	}
}
