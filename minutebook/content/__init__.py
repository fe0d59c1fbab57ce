"""What clerks write, read and checked: the files, the schema, the sanitiser, the check,
and the URL scheme made from their names (``urls``). Imports no later stage."""
