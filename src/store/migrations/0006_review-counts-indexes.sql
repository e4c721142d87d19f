CREATE INDEX "review_items_org_counts" ON "review_items" USING btree ("org_id","status","queued_at","claimed_by","claim_expires_at");--> statement-breakpoint
CREATE INDEX "review_items_open_claims" ON "review_items" USING btree ("claimed_by") WHERE "review_items"."status" = 'open';--> statement-breakpoint
CREATE INDEX "review_items_advert" ON "review_items" USING btree ("advert_id");