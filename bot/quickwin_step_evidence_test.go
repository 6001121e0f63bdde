package bot

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"quickwin/telegramtest"
)

// TestStepPhotoIsArchived: a photo sent when a step is marked done in the
// plan is archived (the store queues it; the bot does nothing of its own)
// and is in /ekspor bukti after Telegram forgot it.
func TestStepPhotoIsArchived(t *testing.T) {
	t.Parallel()
	w, archive := archiveWorld(t, "id")
	ctx := context.Background()
	w.commit(t, w.numeric("Posyandu aktif"))
	w.staff.Send("/rencana")
	plan := w.message(w.staff)
	w.staff.Press(plan, "1")
	sel := w.edit(w.staff)
	w.staff.Press(sel, "Tandai selesai")
	w.message(w.staff)
	photo := testJPEG(t, 3)
	sent := w.staff.SendPhotoData(photo, "pendataan selesai")
	q := w.message(w.staff)
	w.staff.Press(q, "Selesai (1 file)")
	shows(t, w.message(w.staff), "ditandai selesai")
	w.srv.Drain()

	archive()
	w.srv.ForgetFile(sent.FileID)
	c, _ := w.store.QuickWinByCode(ctx, w.tenant.ID, "DINKES-01")
	if e := c.Steps[0].Evidence; len(e) != 1 || e[0].FileID != sent.FileID || e[0].SHA256 == "" {
		t.Fatalf("step evidence %+v, want the photo archived", e)
	}
	// The plan shows the step's photo again, from the archive.
	w.staff.Send("/rencana")
	plan = w.message(w.staff)
	w.staff.Press(plan, "1")
	sel = w.edit(w.staff)
	shows(t, sel, "📎 Lihat bukti (1)")
	w.staff.Press(sel, "📎 Lihat bukti (1)")
	shown := w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == w.staff.ID && s.Method == "sendPhoto" })
	if !bytes.Equal(shown.FileBytes, photo) || !strings.Contains(shown.Text, "Bukti langkah 1") || !strings.Contains(shown.Text, "pendataan selesai") {
		t.Errorf("step evidence shown: %d bytes, caption %q; want the archived photo with its caption", len(shown.FileBytes), shown.Text)
	}

	w.admin.Send("/ekspor bukti 2027")
	doc := w.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendDocument" })
	zr, err := zip.NewReader(bytes.NewReader(doc.FileBytes), int64(len(doc.FileBytes)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name == "bukti/DINKES/DINKES-01/langkah-01_Pendataan/01.jpg" {
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
}
