"""Full-text search in French. Whoosh is imported in this folder and nowhere else."""
