"""Reading: a resume file becomes plain text (PDF, DOCX, DOC, TXT, images), or a reason it cannot."""
