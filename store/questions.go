package store

import (
	"context"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"quickwin"
)

// AskQuestion implements quickwin.QuestionService.
func (s *Store) AskQuestion(ctx context.Context, actor *quickwin.Member, tenantID, commitmentID, text string) (*quickwin.Question, error) {
	c, err := s.QuickWin(ctx, tenantID, commitmentID)
	if err != nil {
		return nil, err
	}
	if err := quickwin.Authorize(actor, tenantID, quickwin.ActAsk, c.OPDCode); err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	if n := len([]rune(text)); n < 3 || n > 2000 {
		return nil, quickwin.Errorf(quickwin.EINVALID, "question must be 3–2000 characters").WithKey("question.invalid", nil)
	}
	q := quickwin.Question{ID: newID(), TenantID: tenantID, QuickWinID: c.ID, OPDCode: c.OPDCode, AskedBy: actor.ID, Text: text, AskedAt: s.Now()}
	if _, err := s.c(colQuestions).InsertOne(ctx, q); err != nil {
		return nil, wrap(err, "store question")
	}
	_ = s.audit(ctx, tenantID, actor, "question.ask", "commitment", c.ID, nil, q, "")
	return &q, nil
}

// AnswerQuestion implements quickwin.QuestionService.
func (s *Store) AnswerQuestion(ctx context.Context, actor *quickwin.Member, tenantID, questionID, text string) (*quickwin.Question, error) {
	q, err := s.Question(ctx, tenantID, questionID)
	if err != nil {
		return nil, err
	}
	if err := quickwin.Authorize(actor, tenantID, quickwin.ActAnswer, q.OPDCode); err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	if n := len([]rune(text)); n < 1 || n > 4000 {
		return nil, quickwin.Errorf(quickwin.EINVALID, "answer must be 1–4000 characters").WithKey("question.invalid", nil)
	}
	var after quickwin.Question
	err = s.c(colQuestions).FindOneAndUpdate(ctx,
		bson.D{{Key: "_id", Value: questionID}, {Key: "answered_by", Value: bson.D{{Key: "$exists", Value: false}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "answered_by", Value: actor.ID}, {Key: "answer", Value: text}, {Key: "answered_at", Value: s.Now()}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&after)
	if quickwin.ErrorCode(wrap(err, "")) == quickwin.ENOTFOUND {
		return nil, quickwin.Errorf(quickwin.ECONFLICT, "already answered").WithKey("question.answered", nil)
	}
	if err != nil {
		return nil, wrap(err, "answer question")
	}
	_ = s.audit(ctx, tenantID, actor, "question.answer", "commitment", q.QuickWinID, q, after, "")
	return &after, nil
}

// Question implements quickwin.QuestionService.
func (s *Store) Question(ctx context.Context, tenantID, id string) (*quickwin.Question, error) {
	var q quickwin.Question
	if err := s.findOne(ctx, colQuestions, bson.D{{Key: "_id", Value: id}, {Key: "tenant", Value: tenantID}}, &q, "question"); err != nil {
		return nil, err
	}
	return &q, nil
}

// Questions implements quickwin.QuestionService, oldest first.
func (s *Store) Questions(ctx context.Context, tenantID, commitmentID string) ([]quickwin.Question, error) {
	var out []quickwin.Question
	return out, s.findAll(ctx, colQuestions, bson.D{{Key: "tenant", Value: tenantID}, {Key: "commitment", Value: commitmentID}},
		options.Find().SetSort(bson.D{{Key: "asked_at", Value: 1}}), &out, "list questions")
}
