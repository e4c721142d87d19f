DROP INDEX "networks_score";--> statement-breakpoint
DROP INDEX "results_org_level";--> statement-breakpoint
CREATE INDEX "networks_score_id" ON "networks" USING btree ("score" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "results_org_level_score" ON "results" USING btree ("org_id","level","score" DESC NULLS LAST,"advert_id" DESC NULLS LAST);