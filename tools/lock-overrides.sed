# Versions chosen below the newest so that one lock serves Python 3.11 to 3.13.
s/^numpy==.*/numpy==2.4.6/
s/^scipy==.*/scipy==1.17.1/
