ALTER TYPE "public"."review_status" ADD VALUE 'awaiting_approval';--> statement-breakpoint
ALTER TYPE "public"."review_status" ADD VALUE 'withdrawn';--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"advert_id" bigint NOT NULL,
	"decision_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"statement" text,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"created_by_user" uuid,
	"created_by_api_key" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"advert_id" bigint,
	"network_id" text,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "reason_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "to_org_id" uuid;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "status" text DEFAULT 'final' NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "referral_id" uuid;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "kind" text DEFAULT 'advert' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "rank" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "score" real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "level" "level" DEFAULT 'medium' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "network_size" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "network_towns" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "town" text;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "queued_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "excluded_reviewers" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_advert_id_adverts_id_fk" FOREIGN KEY ("advert_id") REFERENCES "public"."adverts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_created_by_user_users_id_fk" FOREIGN KEY ("created_by_user") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_created_by_api_key_api_keys_id_fk" FOREIGN KEY ("created_by_api_key") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_advert_id_adverts_id_fk" FOREIGN KEY ("advert_id") REFERENCES "public"."adverts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_org_id_created_at_index" ON "appeals" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "appeals_advert_id_index" ON "appeals" USING btree ("advert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_item_id_index" ON "appeals" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "case_members_case_id_index" ON "case_members" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_members_advert" ON "case_members" USING btree ("case_id","advert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_members_network" ON "case_members" USING btree ("case_id","network_id");--> statement-breakpoint
CREATE INDEX "case_notes_case_id_created_at_index" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_org_id_created_at_index" ON "cases" USING btree ("org_id","created_at");--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_to_org_id_organisations_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_org_status" ON "decisions" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "review_items_org_rank" ON "review_items" USING btree ("org_id","status","rank" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_open_advert" ON "review_items" USING btree ("advert_id","kind") WHERE "review_items"."closed_at" is null;