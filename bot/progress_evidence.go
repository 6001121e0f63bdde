package bot

import (
	"strings"
	"unicode/utf8"

	"quickwin/telegram"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// Evidence (bukti dukung) is kept as Telegram file ids with what the
// sender wrote with each file; the evidence archive keeps the bytes
// (progress_evidence_archive.go), and the bot shows a file from the archive when it is
// there and by its Telegram file id otherwise.

// evidenceState is the question that collects photos and documents, one
// message or several, until the person presses "done". intro says what the
// evidence is for; next runs when the person is done and returns the next
// state.
func (b *Bot) evidenceState(step int, intro func(r *Request, c *Conv) (string, error), next func(r *Request, c *Conv) (string, error)) *State {
	return &State{Step: step, Quiet: true,
		Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			head, err := intro(r, c)
			if err != nil {
				return "", nil, err
			}
			v, n := b.viewOf(r), len(evidenceOf(c))
			label := v.TN("qw.ev.done", n, nil)
			if n == 0 {
				label = r.T("qw.ev.none", nil)
			}
			return head + "\n\n" + v.TN("qw.ev.ask", n, map[string]any{"Max": maxEvidence}), [][]quickwin.Button{{c.Choice(label, "done")}}, nil
		},
		Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if len(in.Files) > 0 {
				ev := append(evidenceOf(c), in.Files...)
				if len(ev) > maxEvidence {
					return "", invalidAnswer("qw.invalid.ev_max", map[string]any{"Max": maxEvidence})
				}
				setJSON(c, "ev", ev)
				return c.State, nil
			}
			if in.Value == "done" || skipped(in) || doneWords[quickwin.Keyword(in.Text)] {
				return next(r, c)
			}
			return "", invalidAnswer("qw.invalid.ev", nil)
		},
	}
}

// doneWords are what people type instead of pressing "done".
var doneWords = map[string]bool{"selesai": true, "sudah": true, "cukup": true, "lanjut": true, "done": true, "finish": true, "next": true, "ok": true}

// evidenceSummary is "2 foto, 1 dokumen", or "" without evidence.
func (v qwView) evidenceSummary(ev []quickwin.Evidence) string {
	photos, docs := splitEvidence(ev)
	var parts []string
	if len(photos) > 0 {
		parts = append(parts, v.TN("qw.ev.photos", len(photos), nil))
	}
	if len(docs) > 0 {
		parts = append(parts, v.TN("qw.ev.docs", len(docs), nil))
	}
	return strings.Join(parts, ", ")
}

func splitEvidence(ev []quickwin.Evidence) (photos, docs []quickwin.Evidence) {
	for _, e := range ev {
		if e.Kind == "photo" {
			photos = append(photos, e)
		} else {
			docs = append(docs, e)
		}
	}
	return photos, docs
}

// sendEvidence shows evidence in the request's chat: a single file with
// sendPhoto or sendDocument, several as albums (Telegram does not mix photos
// and documents in one album), the caption on the first. A file Telegram no
// longer knows is logged and reported as false; it never stops the caller.
func (b *Bot) sendEvidence(r *Request, ev []quickwin.Evidence, caption string) bool {
	ok := true
	photos, docs := splitEvidence(ev)
	for _, group := range [][]quickwin.Evidence{photos, docs} {
		for len(group) > 0 {
			n := min(len(group), maxEvidence)
			if err := b.sendEvidenceFiles(r, group[:n], caption); err != nil {
				b.Log.WarnContext(r.Ctx, "could not show evidence", "chat", r.ChatID, "err", err)
				ok = false
			}
			group, caption = group[n:], ""
		}
	}
	return ok
}

func (b *Bot) sendEvidenceFiles(r *Request, files []quickwin.Evidence, caption string) error {
	captions := make([]string, len(files))
	for i, f := range files {
		captions[i] = fileCaption(caption, f.Caption)
		caption = ""
	}
	if len(files) == 1 {
		f := files[0]
		m := telegram.Message{ChatID: r.ChatID, Text: captions[0], FileID: f.FileID}
		data := b.archivedBytes(r, f)
		switch {
		case f.Kind == "photo" && data != nil:
			m.FileID, m.Photo = "", data
		case f.Kind == "photo":
			m.FileID, m.PhotoFileID = "", f.FileID
		case data != nil:
			m.FileID, m.File, m.FileName = "", data, evidenceMedia(f, data).(tgbotapi.FileBytes).Name
		}
		_, err := b.Client.Reply(r.Ctx, m)
		return err
	}
	media := make([]any, len(files))
	for i, f := range files {
		src := evidenceMedia(f, b.archivedBytes(r, f))
		if f.Kind == "photo" {
			p := tgbotapi.NewInputMediaPhoto(src)
			p.Caption, p.ParseMode = captions[i], tgbotapi.ModeHTML
			media[i] = p
		} else {
			d := tgbotapi.NewInputMediaDocument(src)
			d.Caption, d.ParseMode = captions[i], tgbotapi.ModeHTML
			media[i] = d
		}
	}
	return b.Client.SendMediaGroup(r.Ctx, r.ChatID, media)
}

// fileCaption is what shows under one file: the heading (first file only)
// and what the sender wrote with it, within Telegram's caption limit.
func fileCaption(heading, sent string) string {
	sent = strings.TrimSpace(sent)
	if sent == "" {
		return heading
	}
	if heading != "" {
		heading += "\n"
	}
	// Escaping can make the text longer: shorten until it fits.
	for n := 300; ; n -= 50 {
		text := heading + "💬 " + telegram.Escape(truncate(sent, n))
		if utf8.RuneCountInString(text) <= telegram.MaxCaptionLen || n <= 50 {
			return text
		}
	}
}
