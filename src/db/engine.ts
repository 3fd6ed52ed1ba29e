/** The two storage engines: embedded SQLite (the default) and PostgreSQL (production). */
export type Engine = 'sqlite' | 'postgres';
