#!/usr/bin/perl
# table.pl ID [FILE]: the rows of the report's table t-ID (or, for ID
# "glance", its figures as KEY<TAB>VALUE), one a line, cells separated
# by tabs, tags stripped and the thousands' commas of numbers dropped,
# so that a test compares them with what SQL computes.
use strict;
use warnings;
my $id = shift @ARGV;
local $/;
my $html = <>;
sub clean { my $s = shift; $s =~ s/<[^>]*>//g; $s =~ s/&amp;/&/g;
	$s =~ s/(?<=\d),(?=\d{3})//g; return $s; }
if ($id eq 'glance') {
	while ($html =~ /<div class="kpi" id="([^"]+)"><div class="k">[^<]*<\/div><div class="v">([^<]*)<\/div>/g) {
		print "$1\t", clean($2), "\n";
	}
	exit 0;
}
$html =~ /<table id="t-\Q$id\E"[^>]*>(.*?)<\/table>/s or exit 1;
my $t = $1;
$t =~ s/.*<tbody>//s;
while ($t =~ /<tr>(.*?)<\/tr>/sg) {
	my $row = $1;
	my @c;
	push @c, clean($1) while $row =~ /<t[hd][^>]*>(.*?)<\/t[hd]>/sg;
	print join("\t", @c), "\n";
}
