"""What the desk, the documents pages and the API share below presentation: who may open what,
and how a refusal is answered and recorded."""
