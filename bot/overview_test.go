package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"quickwin"
	"quickwin/telegramtest"
)

// fakePublisher renders fixed documents and records what was asked.
type fakePublisher struct{ asked []string }

func (f *fakePublisher) TenantDigest(ctx context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	f.asked = append(f.asked, "tenant "+month.Format("2006-01")+" "+lang)
	return &quickwin.Document{Parts: []string{"<b>Evaluasi</b> semua OPD", "bagian 2"}, Chart: []byte("png"), File: []byte("xlsx"), FileName: "d.xlsx"}, nil
}

func (f *fakePublisher) TenantSummary(ctx context.Context, tenantID string, month time.Time, lang string) (*quickwin.Document, error) {
	d, err := f.TenantDigest(ctx, tenantID, month, lang)
	d.File = nil
	return d, err
}

func (f *fakePublisher) OPDDigest(ctx context.Context, tenantID, opd string, month time.Time, lang string) (*quickwin.Document, error) {
	f.asked = append(f.asked, "opd "+opd)
	return &quickwin.Document{Parts: []string{"Evaluasi " + opd}}, nil
}

func (f *fakePublisher) Leaderboard(ctx context.Context, tenantID string, now time.Time, lang string) (*quickwin.Document, error) {
	return &quickwin.Document{Parts: []string{"🥇 DINKES"}, Chart: []byte("png")}, nil
}

func (f *fakePublisher) SnapshotLeaderboard(ctx context.Context, tenantID string, now time.Time) error {
	return nil
}

func (f *fakePublisher) Export(ctx context.Context, tenantID string, lang string) (*quickwin.Document, error) {
	return &quickwin.Document{File: []byte("PK xlsx"), FileName: "quickwin.xlsx"}, nil
}

func TestSummaryLeaderboardExport(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pub := &fakePublisher{}
	h.restart(func(cfg *Config) { cfg.Publisher = pub })
	running(t, h, "DINKES")
	h.admin.Send("/ringkasan")
	contains(t, h.admin.NextReply(t), "Evaluasi")
	contains(t, h.admin.NextReply(t), "bagian 2")
	if photo := h.admin.NextReply(t); photo.Method != "sendPhoto" {
		t.Errorf("chart: %s", photo.Method)
	}
	h.admin.Send("/ringkasan lalu")
	h.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendPhoto" })
	h.srv.Drain()
	if len(pub.asked) != 2 || pub.asked[0] != "tenant 2027-03 id" || pub.asked[1] != "tenant 2027-02 id" {
		t.Errorf("asked %v", pub.asked)
	}

	head := h.srv.NewUser(2, "Dewi", "id")
	head.Send("/start " + h.invite("DINKES kepala"))
	head.NextReply(t)
	head.Send("/ringkasan")
	contains(t, head.NextReply(t), "Evaluasi DINKES")

	g := h.srv.NewGroup(-500, "Forum")
	head.SendIn(g, "/peringkat")
	contains(t, g.NextReply(t), "🥇 DINKES")

	h.admin.Send("/ekspor")
	doc := h.admin.NextReply(t)
	if doc.Method != "sendDocument" || doc.FileName != "quickwin.xlsx" || !strings.Contains(doc.Text, "2027") {
		t.Errorf("export: %s %s %q", doc.Method, doc.FileName, doc.Text)
	}
	head.Send("/ekspor")
	contains(t, head.NextReply(t), "tidak tersedia untuk peran")
}

func TestSchedule(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.restart(func(cfg *Config) {
		cfg.ValidateSpec = func(spec string) error {
			if len(strings.Fields(spec)) != 5 {
				return errors.New("expected 5 fields")
			}
			return nil
		}
		cfg.ParseHolidays = func(data []byte) ([]string, error) {
			var days []string
			for _, l := range strings.Fields(string(data)) {
				if _, err := time.Parse(time.DateOnly, l); err != nil {
					return nil, errors.New("line 1: bad date")
				}
				days = append(days, l)
			}
			return days, nil
		}
	})
	h.admin.Send("/jadwal")
	contains(t, h.admin.NextReply(t), "Jadwal (waktu WIB)", "setiap hari pukul 07.00", "setiap tanggal 25 pukul 09.00", "setiap Senin pukul 08.00", "reminders")
	h.admin.Send("/jadwal reminders cron 30 6 * *")
	if r := h.admin.NextReply(t); !strings.Contains(r.Text, "tidak sah") || strings.Contains(r.Text, "expected 5 fields") {
		t.Errorf("cron error not in Indonesian: %q", r.Text)
	}
	h.admin.Send("/jadwal pengingat 30 6 * * 1-5")
	contains(t, h.admin.NextReply(t), "tidak ada", "reminders, monthly_prompt")
	h.admin.Send("/jadwal reminders 30 6 * * 1-5") // bare cron, as before
	contains(t, h.admin.NextReply(t), "setiap hari kerja (Senin–Jumat) pukul 06.30", "Berlaku dalam satu menit")
	contains(t, h.admin.NextReply(t), "setiap hari kerja (Senin–Jumat) pukul 06.30")
	tn, _ := h.store.Tenant(context.Background(), h.tenant.ID)
	if tn.Schedule(quickwin.JobReminders) != "30 6 * * 1-5" {
		t.Errorf("stored spec %q", tn.Schedule(quickwin.JobReminders))
	}
	h.admin.Send("/jadwal reminders default")
	h.admin.NextReply(t)
	h.admin.NextReply(t)
	if tn, _ := h.store.Tenant(context.Background(), h.tenant.ID); tn.Schedule(quickwin.JobReminders) != "0 7 * * *" {
		t.Errorf("reset spec %q", tn.Schedule(quickwin.JobReminders))
	}

	h.admin.Send("/jadwal libur")
	contains(t, h.message(h.admin), "Kirim berkas hari libur")
	h.admin.Send("17 Agustus")
	contains(t, h.message(h.admin), "sebagai dokumen")
	h.message(h.admin)
	h.admin.SendDocument("libur.txt", []byte("2027-08-17 oops"), "")
	if r := h.message(h.admin); !strings.Contains(r.Text, "tidak bisa dibaca") || strings.Contains(r.Text, "line 1") {
		t.Errorf("holiday file error not in Indonesian: %q", r.Text)
	}
	h.message(h.admin)
	h.admin.SendDocument("libur.txt", []byte("2027-08-17\n2027-12-25\n"), "")
	contains(t, h.message(h.admin), "2 hari libur tersimpan")
	if tn, _ := h.store.Tenant(context.Background(), h.tenant.ID); len(tn.Holidays) != 2 {
		t.Errorf("holidays %v", tn.Holidays)
	}
}

// running stores an active quick win of an OPD, so that summaries have
// something to say.
func running(t *testing.T, h *harness, opd string) {
	t.Helper()
	c := &quickwin.QuickWin{TenantID: h.tenant.ID, OPDCode: opd, Title: "Posyandu aktif", Kind: quickwin.KindNumeric,
		Direction: quickwin.HigherIsBetter, Target: 90, Status: quickwin.StatusActive,
		Start: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), Deadline: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)}
	if err := h.store.CreateQuickWin(context.Background(), h.member(1), c); err != nil {
		t.Fatal(err)
	}
}

// TestEmptyAndSlowSummaries: /ringkasan with nothing running answers in one
// short line, without a chart; with something to show, the chat shows that
// a photo (or, for the workbook, a document) is on its way first.
func TestEmptyAndSlowSummaries(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pub := &fakePublisher{}
	h.restart(func(cfg *Config) { cfg.Publisher = pub })
	h.admin.Send("/ringkasan")
	empty := h.message(h.admin)
	contains(t, empty, "Belum ada quick win berjalan", "/quickwin_baru")
	if strings.Count(empty.Text, "\n") > 0 || len(pub.asked) != 0 {
		t.Errorf("empty summary: %q, publisher asked %v", empty.Text, pub.asked)
	}
	h.admin.Send("/ekspor")
	h.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendDocument" })
	if got := h.srv.ChatActions(1); len(got) != 1 || got[0] != "upload_document" {
		t.Errorf("chat actions before the workbook: %v", got)
	}
	running(t, h, "DINKES")
	h.admin.Send("/ringkasan")
	h.srv.Next(t, func(s telegramtest.Sent) bool { return s.ChatID == 1 && s.Method == "sendPhoto" })
	if got := h.srv.ChatActions(1); len(got) != 2 || got[1] != "upload_photo" {
		t.Errorf("chat actions before the chart: %v", got)
	}
	// A head of an OPD with nothing running hears it for the OPD.
	if _, err := h.store.CreateOPD(context.Background(), h.member(1), quickwin.OPD{TenantID: h.tenant.ID, Code: "DISDIK", Name: "Dinas Pendidikan"}); err != nil {
		t.Fatal(err)
	}
	head := h.srv.NewUser(2, "Dewi", "en")
	head.Send("/start " + h.invite("DISDIK kepala"))
	h.message(head)
	head.Send("/summary")
	contains(t, h.message(head), "No quick win is running in DISDIK", "/new_quickwin")
}
