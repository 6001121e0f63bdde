package store

import "go.mongodb.org/mongo-driver/v2/mongo"

// Collection exposes a raw collection to this package's external tests.
func (s *Store) Collection(name string) *mongo.Collection { return s.c(name) }
